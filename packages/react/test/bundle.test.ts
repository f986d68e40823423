// The package as an app's production bundler sees it (after a build): importing one component
// keeps that element's registration and drops the other components.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: new URL('..', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['production'],
    minify: true,
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('bundling @zheli/react for production', () => {
  it('keeps the element registration of the component imported, and drops the rest', async () => {
    const code = await bundle(
      "import { ZheliQrCode } from '@zheli/react'; globalThis.component = ZheliQrCode;",
    );
    expect(code).toMatch(/customElements\.define\(/);
    expect(code).toContain('"zheli-qr-code"');
    for (const other of ['zheli-service-catalog', 'zheli-region-picker', 'zheli-login-button']) {
      expect(code).not.toContain(`"${other}"`);
    }
  });

  it('registers every element when every component is imported', async () => {
    const code = await bundle("import * as all from '@zheli/react'; globalThis.all = all;");
    for (const tag of [
      'zheli-config',
      'zheli-service-card',
      'zheli-service-catalog',
      'zheli-qr-code',
    ]) {
      expect(code).toContain(`"${tag}"`);
    }
  });
});
