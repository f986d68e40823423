import { describe, expect, it } from 'vitest';
import { maskName } from './mask.js';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['王小明', '王*明'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '*'],
    ['', ''],
    ['𠀋小明', '𠀋*明'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
