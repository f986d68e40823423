// The Vite + React + TypeScript (strict) app of examples/consumers/vite-react, written from
// docs/react.md (configure() with createClient({ baseUrl: '/api' }) at module top) and
// docs/auth.md's browser mode; served by `vite preview`, which forwards /api to the sandbox.
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

const app = 'vite-react';

async function preview(): Promise<Served> {
  const port = await freePort();
  return serve(
    app,
    'vite',
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    `http://127.0.0.1:${port}/`,
    { ZHELI_API: sandboxUrl },
  );
}

check('vite-react: type-checks (tsc, strict)', async () => {
  await runBin(app, 'tsc', ['--noEmit']);
});

check('vite-react: builds with vite build', async () => {
  await runBin(app, 'vite', ['build'], { VITE_ZHELI_AUTHORITY: sandboxUrl });
});

check('vite-react: renders data in Chromium', async ({ page }) => {
  const server = await preview();
  try {
    await page.goto(server.url);
    await expectCardName(page);
    expect(errors(page)).toEqual([]);
  } finally {
    await server.stop();
  }
});

check('vite-react: signs in by redirect, books a slot and reads the ticket', async ({ page }) => {
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
