// What `PopupController` uses of `@floating-ui/dom`, as one module it imports lazily: a dynamic
// import of the package itself would keep every export (arrow, hide, inline, …) in the chunk.
export { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
