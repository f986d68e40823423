// The mocked platform of the live examples: Mock Service Worker with the stories' handlers
// (stories/src/mocks), started once for the whole site however many examples a page has.
let started: Promise<void> | undefined;

async function start(): Promise<void> {
  const [{ setupWorker }, { platform }] = await Promise.all([
    import('msw/browser'),
    import('../../../stories/src/mocks/api.ts'),
  ]);
  await setupWorker(...platform).start({
    quiet: true,
    onUnhandledFrame: 'bypass',
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
}

/** Resolves once the mocked platform answers; call it in the browser only. */
export function mockPlatform(): Promise<void> {
  started ??= start();
  return started;
}
