/**
 * Registers `elementClass` as `tagName` unless the tag is taken (by this class, or by another
 * copy of `@zheli/elements`, which then keeps it, as the elements' own guarded define does).
 *
 * Each generated component calls this at its module's top level with the class it wraps, so a
 * component registers exactly its own element (and never depends on which `define.js` entries an
 * app imports). `test/bundle.test.ts` bundles the package to prove the registration survives
 * production tree shaking.
 */
export function defineElement(tagName: string, elementClass: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(tagName, elementClass);
}
