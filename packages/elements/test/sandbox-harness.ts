// What the elements' tests against the real sandbox share: the sandbox (in memory, port 0), the
// test page's scripts bundled from test/pages/ and served with the page's HTML on 127.0.0.1 on a
// port of its own, and the system's Chromium. Each test file starts one in `beforeAll` and stops
// it in `afterAll`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, type SandboxOptions, startSandbox } from '@zheli/sandbox';
import jsqr from 'jsqr';
import { type Browser, chromium, type Locator } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { browserOptions, build } from '../scripts/bundle.mjs';

// jsQR's CommonJS default export, however the loader presents it.
const jsQR: typeof jsqr.default = typeof jsqr === 'function' ? jsqr : jsqr.default;

interface SandboxHarness {
  sandbox: Sandbox;
  browser: Browser;
  /** The test page's origin, `http://127.0.0.1:<port>`. */
  origin: string;
  /** Closes Chromium, the page's server and the sandbox. */
  stop(): Promise<void>;
}

/**
 * Starts the sandbox (with `sandbox` options besides port 0 and memory), bundles each of
 * `scripts` (URL path → entry point, `{ '/page.js': 'test/pages/x.ts' }`), serves them and, for
 * every other path, the HTML `html` returns for the request's URL, and launches Chromium. With
 * `split`, each script's dynamic imports become chunks served beside it (`/chunk-….js`), fetched
 * when imported as in an app's build; without, they are inlined.
 */
async function startSandboxHarness({
  sandbox: sandboxOptions = {},
  scripts,
  split = false,
  html,
}: {
  sandbox?: Omit<SandboxOptions, 'port' | 'memory'>;
  scripts: Record<string, string>;
  split?: boolean;
  html: (url: URL, harness: { sandbox: Sandbox; origin: string }) => string;
}): Promise<SandboxHarness> {
  const sandbox = await startSandbox({ port: 0, memory: true, ...sandboxOptions });
  const stops: (() => Promise<unknown>)[] = [() => sandbox.stop()];
  const stop = async () => {
    for (const each of stops.splice(0).reverse()) await each();
  };
  try {
    const bundled = new Map<string, Uint8Array>();
    for (const [path, entry] of Object.entries(scripts)) {
      const bundle = await build(
        browserOptions({
          entryPoints: { entry },
          write: false,
          ...(split && { splitting: true, outdir: '/', chunkNames: 'chunk-[hash]' }),
        }),
      );
      for (const file of bundle.outputFiles ?? []) {
        bundled.set(file.path === '/entry.js' || !split ? path : file.path, file.contents);
      }
    }
    let origin = '';
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', origin);
      const script = bundled.get(url.pathname);
      if (script) {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html(url, { sandbox, origin }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stops.push(() => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
    stops.push(() => browser.close());
    return { sandbox, browser, origin, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The harness for a test file: started before its tests (`startSandboxHarness`'s options),
 * handed to `use`, and stopped after them.
 */
export function withSandboxHarness(
  options: Parameters<typeof startSandboxHarness>[0],
  use: (started: Omit<SandboxHarness, 'stop'>) => void,
): void {
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startSandboxHarness(options);
    stop = started.stop;
    use(started);
  }, 120_000);
  afterAll(async () => {
    await stop?.();
  });
}

/**
 * Reads the code a `<zheli-qr-code>` draws: its SVG rendered to a canvas in the page at four
 * times its size, decoded with jsQR here. `text` is the decoded bytes as UTF-8 (undefined when
 * nothing decodes), `label` the SVG's accessible name.
 */
export async function readQrCode(
  qr: Locator,
): Promise<{ text: string | undefined; label: string | null }> {
  const drawn = await qr.evaluate(async (element) => {
    const svg = element.shadowRoot?.querySelector('svg');
    if (!svg) throw new Error('no svg');
    const side = svg.viewBox.baseVal.width * 4;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d');
    context?.drawImage(image, 0, 0, side, side);
    const pixels = context?.getImageData(0, 0, side, side).data ?? new Uint8ClampedArray();
    return { side, pixels: [...pixels], label: svg.getAttribute('aria-label') };
  });
  const found = jsQR(Uint8ClampedArray.from(drawn.pixels), drawn.side, drawn.side);
  const text = found
    ? new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(found.binaryData))
    : undefined;
  return { text, label: drawn.label };
}
