// Writes dist/openapi.json from openapi.yaml (YAML anchors resolved), for consumers that
// validate requests and responses at run time.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const document = parse(await readFile(new URL('openapi.yaml', root), 'utf8'), {
  maxAliasCount: -1,
});
await mkdir(new URL('dist/', root), { recursive: true });
await writeFile(new URL('dist/openapi.json', root), `${JSON.stringify(document, null, 2)}\n`);
