import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { templates as en } from '../locales/en.js';
import { templates as zhTW } from '../locales/zh-TW.js';
import { messageIds } from './messages.js';

function placeholders(value: string | { strings: readonly string[] }): number {
  return typeof value === 'string' ? 0 : value.strings.length - 1;
}

describe('the message catalogue', () => {
  it('uses every declared id exactly once in the source messages', async () => {
    const source = await readFile(new URL('./messages.ts', import.meta.url), 'utf8');
    const used = [...source.matchAll(/\{ id: '([^']+)' \}/g)].map((match) => match[1]);
    expect([...used].sort()).toEqual([...messageIds].sort());
  });

  it.each([
    ['zh-TW', zhTW],
    ['en', en],
  ] as const)(
    'translates every id into %s with as many placeholders as the source',
    async (_locale, templates) => {
      const source = await readFile(new URL('./messages.ts', import.meta.url), 'utf8');
      expect(Object.keys(templates).sort()).toEqual([...messageIds].sort());
      for (const id of messageIds) {
        const start = source.indexOf(`{ id: '${id}' }`);
        const call = source.slice(source.lastIndexOf('msg(', start), start);
        const sourceCount = (call.match(/\$\{/g) ?? []).length;
        expect(placeholders(templates[id]), id).toBe(sourceCount);
      }
    },
  );
});
