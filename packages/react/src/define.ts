/**
 * Registers `elementClass` as `tagName` unless the tag is taken (by this class, or by another
 * copy of `@zheli/elements`, which then keeps it, as the elements' own guarded define does).
 *
 * Each generated component calls this at its module's top level instead of relying on
 * `@zheli/elements/<name>/define.js`: that entry's registration sits in a shared chunk that the
 * elements' `sideEffects` list does not name, so production bundlers (Vite, Rollup, esbuild)
 * drop it. `test/bundle.test.ts` bundles the package to prove the registration survives.
 */
export function defineElement(tagName: string, elementClass: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(tagName, elementClass);
}
