import { describe, expect, it } from 'vitest';
import { regionChain } from './region-chain.js';

interface Region {
  code: string;
  parent: string | null;
}

const byCode = new Map<string, Region>(
  [
    { code: '330000', parent: null },
    { code: '330500', parent: '330000' },
    { code: '330523', parent: '330500' },
  ].map((r) => [r.code, r]),
);
const codes = (code: string) => regionChain(code, byCode, (r) => r.parent).map((r) => r.code);

describe('regionChain', () => {
  it('walks from a county through its city to the province', () => {
    expect(codes('330523')).toEqual(['330523', '330500', '330000']);
  });

  it('is the province alone for the province', () => {
    expect(codes('330000')).toEqual(['330000']);
  });

  it('is empty for a code the tree does not know', () => {
    expect(codes('999999')).toEqual([]);
  });

  it('stops where a parent code is not in the tree', () => {
    const orphan = new Map([['330106', { code: '330106', parent: '330100' }]]);
    expect(regionChain('330106', orphan, (r) => r.parent).map((r) => r.code)).toEqual(['330106']);
  });
});
