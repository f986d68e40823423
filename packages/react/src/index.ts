/**
 * `@zheli/react`: a React 19 component for every element of `@zheli/elements`, made with
 * `@lit/react`'s `createComponent`. Props are the element's properties (objects and arrays
 * included), callbacks are the element's events (`onZheliBook` for `zheli-book`), typed with
 * the event classes. Rendering a component registers its element; nothing else does.
 *
 * The components are generated at build time from the elements' custom elements manifest
 * (scripts/generate.mjs), so this re-exports the generated module whole: its exports are exactly
 * one component and one props type per element, and `components` (the table of tags and
 * callbacks). Configure the elements with `configure()` from `@zheli/elements`.
 */
export * from './generated/index.js';
