import { getLogger } from './logger.js';

/**
 * Registers `tag` unless it is already registered. When another class (another copy or version
 * of `@zheli/elements`) holds the tag, it warns through the logger instead of throwing, so two
 * bundles on one page do not break each other.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, element);
    return;
  }
  if (existing !== element) {
    getLogger().warn(
      `<${tag}> is already registered by another copy of @zheli/elements; keeping it.`,
    );
  }
}
