// The Next.js App Router app of examples/consumers/next, written from docs/react.md and
// docs/auth.md's server mode: `next build` (type-check and server rendering), `next start`, the
// backend-for-frontend as route handlers, the elements' client on the relative baseUrl '/api'.
import {
  bookAndReadTicket,
  check,
  chooseSlot,
  errors,
  expect,
  expectCardName,
  freePort,
  persona,
  runBin,
  sandboxUrl,
  serve,
  signInOnPlatform,
} from './fixtures.ts';

const app = 'next';
// The BFF's redirect URI names the app's origin, so the port is chosen before the build.
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const env = { ZHELI_PLATFORM: sandboxUrl, APP_URL: origin };

check('next: builds with next build (type-check, server rendering)', async () => {
  await runBin(app, 'next', ['build'], env);
});

check(
  'next: serves the server-rendered tags, renders data, signs in through the BFF, books and reads the ticket',
  async ({ page }) => {
    const server = await serve(
      app,
      'next',
      ['start', '--hostname', '127.0.0.1', '--port', String(port)],
      `${origin}/`,
      env,
    );
    try {
      // Server rendering: the tags are in the HTML before any script runs.
      const html = await (await fetch(`${origin}/`)).text();
      expect(html).toContain('<zheli-service-card');
      expect(html).toContain('<zheli-appointment-picker');
      await page.goto(`${origin}/`);
      await expectCardName(page);
      await page.getByRole('link', { name: '登录' }).click();
      await signInOnPlatform(page, origin);
      await expect(page.locator('#session')).toHaveText(persona);
      await chooseSlot(page);
      await bookAndReadTicket(page);
      expect(errors(page)).toEqual([]);
    } finally {
      await server.stop();
    }
  },
);
