// Chromium reports "ResizeObserver loop completed with undelivered notifications" as a window
// error when observers (the virtualizer's, floating-ui's) resize in the same frame. It is benign
// (the notifications arrive in the next frame) and is not a failure of the code under test.
window.addEventListener(
  'error',
  (event) => {
    if (!event.message.includes('ResizeObserver loop')) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  },
  { capture: true },
);
