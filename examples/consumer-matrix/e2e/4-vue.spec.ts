// The Vue 3 app of examples/consumers/vue (vue-tsc), written from docs/elements.md's "Apps: npm"
// and docs/auth.md's browser mode: configure({ client, auth }), the elements in a template,
// auth.handleCallback() on /callback; served by `vite preview`.
import {
  bookAndReadTicket,
  check,
  chooseSlot,
  errors,
  expect,
  expectCardName,
  freePort,
  runBin,
  type Served,
  sandboxUrl,
  serve,
  signInOnPlatform,
} from './fixtures.ts';

const app = 'vue';

async function preview(): Promise<Served> {
  const port = await freePort();
  return serve(
    app,
    'vite',
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    `http://127.0.0.1:${port}/`,
  );
}

check('vue: type-checks (vue-tsc)', async () => {
  await runBin(app, 'vue-tsc', ['--noEmit']);
});

check('vue: builds with vite build', async () => {
  await runBin(app, 'vite', ['build'], { VITE_ZHELI_PLATFORM: sandboxUrl });
});

check('vue: renders data in Chromium', async ({ page }) => {
  const server = await preview();
  try {
    await page.goto(server.url);
    await expectCardName(page);
    expect(errors(page)).toEqual([]);
  } finally {
    await server.stop();
  }
});

check('vue: signs in by redirect, books a slot and reads the ticket', async ({ page }) => {
  const server = await preview();
  const origin = server.url.replace(/\/$/, '');
  try {
    await page.goto(server.url);
    await chooseSlot(page);
    await page.locator('zheli-appointment-picker [part~="sign-in"]').click();
    await signInOnPlatform(page, origin);
    await expect(page.locator('zheli-login-button [part~="name"]')).toBeVisible();
    await bookAndReadTicket(page);
    expect(errors(page)).toEqual([]);
  } finally {
    await server.stop();
  }
});
