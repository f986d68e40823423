// Prints what the client costs a browser app: esbuild bundle + minify, then gzip (level 9).
// `client + ky` is what `import { createClient } from '@zheli/client'` pulls in; `ky` is ky alone;
// the difference is the client's own code, which must stay under 4 KB (4,096 bytes) gzipped.
// `verifyCode + jose` is reported apart (`@zheli/client/verify`): apps that do not verify codes
// offline never load it, and the root's `verifyCode` loads it on its first call.
// `--json` prints the figures as JSON; `--check` exits 1 when the budget is exceeded.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const budget = 4096;

async function gzipped(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root.pathname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2023',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const clientExports =
  'createClient, ZheliApiError, ZheliResponseError, isZheliApiError, isZheliResponseError, TimeoutError, NetworkError, isTimeoutError, isNetworkError';
const withKy = await gzipped(`export { ${clientExports} } from './src/index.ts';`);
const kyAlone = await gzipped(
  "export { default, TimeoutError, NetworkError, isTimeoutError, isNetworkError, isHTTPError } from 'ky';",
);
const verify = await gzipped("export { verifyCode } from './src/verify.ts';");
const own = withKy.gzip - kyAlone.gzip;
const figures = {
  clientWithKy: withKy,
  ky: kyAlone,
  clientOwnGzip: own,
  budget,
  verifyCodeWithJose: verify,
};

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const row = (name, { raw, gzip }) =>
    `${name.padEnd(22)} ${String(raw).padStart(7)} B min ${String(gzip).padStart(7)} B gzip\n`;
  process.stdout.write(row('client + ky', withKy));
  process.stdout.write(row('ky', kyAlone));
  process.stdout.write(
    `${'client (difference)'.padEnd(22)} ${' '.repeat(13)} ${String(own).padStart(7)} B gzip (budget ${budget})\n`,
  );
  process.stdout.write(row('verifyCode + jose', verify));
}
if (process.argv.includes('--check') && own > budget) process.exit(1);
