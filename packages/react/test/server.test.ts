// Everything @zheli/elements and @zheli/react export is safe to import and call on a server:
// a Node process with no DOM globals imports every public entry of the built packages through
// their `exports`, calls configure() (with an auth and a client, as the docs do at a module's
// top) and setLocale(), and renders every component with react-dom/server.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

interface Rendered {
  globals: string[];
  imported: string[];
  user: unknown;
  html: Record<string, string>;
  left: string[];
}

async function renderOnServer(): Promise<Rendered> {
  const app = fileURLToPath(new URL('server/app.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [app], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  return JSON.parse(stdout) as Rendered;
}

describe('on a server (Node, no DOM)', () => {
  it('imports every entry, configures, and renders every component to its tag', {
    timeout: 120_000,
  }, async () => {
    const rendered = await renderOnServer();
    expect(rendered.globals).toEqual([]);
    expect(rendered.imported).toEqual(
      expect.arrayContaining([
        '@zheli/elements',
        '@zheli/elements/define.js',
        '@zheli/elements/login-button/define.js',
        '@zheli/elements/react',
        '@zheli/elements/vue',
        '@zheli/elements/custom-elements.json',
      ]),
    );
    expect(rendered.user).toBeNull();
    const tags = Object.keys(rendered.html).filter((key) => key !== 'nested');
    expect(tags.length).toBeGreaterThanOrEqual(8);
    for (const tag of tags) {
      expect(rendered.html[tag]).toMatch(
        new RegExp(`^<${tag} id="x" aria-label="标签"[^>]*>text</${tag}>$`),
      );
    }
    expect(rendered.html.nested).toMatch(/^<zheli-config[^>]*><zheli-login-button[^>]*>/);
    // Nothing left open (no BroadcastChannel, no timer): the server process can exit.
    expect(rendered.left).toEqual([]);
  });
});
