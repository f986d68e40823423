// The one way the browser tests sign a sandbox persona in (packages/*/test, the elements' sandbox
// tests, the examples' e2e suites): the sandbox's interaction page, fetched with the
// `X-Zheli-Persona` header, signs that persona in and consents at once, with no login page.
import type { BrowserContext, Page } from 'playwright';

/**
 * Makes every sign-in at the sandbox in `target` (a page, or every page of a context, popups
 * included) sign `persona` in. Playwright does not route a request reached through a redirect,
 * so a page landing on the interaction page reloads it once, from the page itself (a
 * browser-initiated navigation would cut a popup off from its opener): that direct request is
 * routed and carries the header. Only GETs get it; the page's own form posts go as they are.
 */
export async function signInAs(target: BrowserContext | Page, persona: string): Promise<void> {
  await target.route('**/interaction/**', async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    await route.continue({ headers: { ...route.request().headers(), 'x-zheli-persona': persona } });
  });
  const reloaded = new Set<string>();
  const watch = (page: Page) => {
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || !/\/interaction\/[^/?#]+$/.test(frame.url())) return;
      if (reloaded.has(frame.url())) return;
      reloaded.add(frame.url());
      frame.evaluate(() => location.replace(location.href)).catch(() => {});
    });
  };
  if ('mainFrame' in target) {
    watch(target);
    return;
  }
  for (const page of target.pages()) watch(page);
  target.on('page', watch);
}
