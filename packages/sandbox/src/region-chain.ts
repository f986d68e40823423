// The one walk up the region tree (county → city → province), shared by the seed, which holds
// regions as data (`parentCode`), and the API, which reads them as rows (`parent_code`).

/**
 * The region of `code` and its ancestors: itself first, the province last; empty for an
 * unknown code. `parentOf` names a region's parent code, `null` at the top.
 */
export function regionChain<R>(
  code: string,
  byCode: ReadonlyMap<string, R>,
  parentOf: (region: R) => string | null,
): R[] {
  const out: R[] = [];
  for (let r = byCode.get(code); r !== undefined; ) {
    out.push(r);
    const parent = parentOf(r);
    r = parent ? byCode.get(parent) : undefined;
  }
  return out;
}
