/**
 * The URL of an operation: `template`'s `{name}`s filled from `path` (encoded), resolved against
 * `base` (whose path must end in `/`), with each defined `query` member as a parameter (arrays as
 * comma-separated lists).
 */
export function operationUrl(
  base: URL,
  template: string,
  path: Record<string, string> | undefined,
  query: Record<string, unknown> | undefined,
): URL {
  const url = new URL(
    template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path?.[name] ?? '')),
    base,
  );
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  return url;
}
