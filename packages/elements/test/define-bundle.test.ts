// The npm build as an app's production bundler sees it: importing a define entry must register
// its elements even with tree shaking, which drops every module `sideEffects` does not name (a
// registration in a shared chunk would vanish). Each bundle runs in Chromium.
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';

const entries: [string, string[]][] = [
  ['config', ['zheli-config']],
  ['service-card', ['zheli-service-card']],
  ['service-catalog', ['zheli-service-catalog', 'zheli-service-card']],
  ['region-picker', ['zheli-region-picker']],
  ['login-button', ['zheli-login-button']],
  ['qr-code', ['zheli-qr-code']],
  // Its ticket's <zheli-qr-code> is loaded on the way to the ticket (tested below).
  ['appointment-picker', ['zheli-appointment-picker']],
  ['evaluation', ['zheli-evaluation']],
  ['matter', ['zheli-matter']],
  ['recommendations', ['zheli-recommendations']],
  // Its redemption code's <zheli-qr-code> is loaded when a reward is redeemed.
  ['points', ['zheli-points']],
];
const every = [...new Set(entries.flatMap(([, tags]) => tags))];

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
});

afterAll(async () => {
  await browser?.close();
});

/** `import '<specifier>'` bundled for production, as a browser app would ship it. */
async function bundle(specifier: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import '${specifier}';`,
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'js',
    },
    bundle: true,
    write: false,
    // A classic script runs as it is added, so the page is checked after it ran.
    format: 'iife',
    platform: 'browser',
    conditions: ['production'],
    minify: true,
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * The tags of `tags` that are registered after the bundle of `specifier` runs in a page, and
 * after `then` (run in the page) if given.
 */
async function registeredBy(
  specifier: string,
  tags: string[],
  then?: () => Promise<void>,
): Promise<string[]> {
  const code = await bundle(specifier);
  // Tree shaking may leave nothing at all: then nothing can register.
  if (code.trim() === '') return [];
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>bundle</title>');
    await page.addScriptTag({ content: code });
    if (then !== undefined) await page.evaluate(then);
    return await page.evaluate(
      (names) => names.filter((name) => customElements.get(name) !== undefined),
      tags,
    );
  } finally {
    await page.close();
  }
}

describe('a production bundle of the npm build', () => {
  it.each(entries)('registers what @zheli/elements/%s/define.js promises', async (name, tags) => {
    expect(await registeredBy(`@zheli/elements/${name}/define.js`, every)).toEqual(
      every.filter((tag) => tags.includes(tag)),
    );
  });

  it("registers the picker's <zheli-qr-code> once the picker heads for the ticket", async () => {
    const registered = await registeredBy(
      '@zheli/elements/appointment-picker/define.js',
      every,
      async () => {
        const picker = document.createElement('zheli-appointment-picker');
        document.body.append(picker);
        // The confirm step (normally reached by choosing a slot) starts loading the ticket's code.
        Object.assign(picker, { step: 'confirm' });
        await customElements.whenDefined('zheli-qr-code');
      },
    );
    expect(registered).toEqual(['zheli-qr-code', 'zheli-appointment-picker']);
  });

  it('registers every element from @zheli/elements/define.js', async () => {
    expect(await registeredBy('@zheli/elements/define.js', every)).toEqual(every);
  });

  it('registers nothing from @zheli/elements, which only exports the classes', async () => {
    expect(await registeredBy('@zheli/elements', every)).toEqual([]);
  });
});
