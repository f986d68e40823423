import { describe, expect, it } from 'vitest';
import { maskCreditCode, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('the masking rule', () => {
  it.each([
    // Chinese names: the surname's character, and the last from three characters on.
    ['a three-character Chinese name', maskName, '王丽英', '王*英'],
    ['a two-character Chinese name', maskName, '李明', '李*'],
    ['a one-character Chinese name', maskName, '李', '*'],
    ['a compound surname', maskName, '欧阳晓东', '欧**东'],
    ['a name outside the basic plane, by code point', maskName, '𠀋小明', '𠀋*明'],
    ['a transliterated name with a middle dot', maskName, '阿依·买买提', '阿****提'],
    // Other names: the first letter of each word.
    ['a Latin name of two words', maskName, 'Oliver Bennett', 'O***** B******'],
    ['a Latin name of one word', maskName, 'Oliver', 'O*****'],
    ['a one-letter word', maskName, 'Oliver J Bennett', 'O***** * B******'],
    ['a name with extra whitespace', maskName, '  Zhang   San ', 'Z**** S**'],
    ['an empty name', maskName, '', ''],
    // Phone numbers: the first 3 and last 4 digits.
    ['a mobile number', maskPhone, '13805715678', '138****5678'],
    ['a mobile number with +86 and spaces', maskPhone, '+86 138 0571 5678', '138****5678'],
    ['a number too short to keep any digits', maskPhone, '1234567', '*******'],
    // ID numbers: the first 3 and last 4 characters.
    ['a resident ID number', maskIdNumber, '33010619440312002X', '330***********002X'],
    ['a passport number', maskIdNumber, 'E12345678', 'E12**5678'],
    ['an ID number too short to keep any', maskIdNumber, 'E123456', '*******'],
    // Credit codes: the first 6 characters.
    ['a unified social credit code', maskCreditCode, '91330500MA2B3C4D5E', '913305************'],
    ['a credit code too short to keep any', maskCreditCode, '913305', '******'],
  ])('masks %s: %s', (_what, mask, value, masked) => {
    expect(mask(value)).toBe(masked);
  });

  it('changes nothing in a name masked already, so masking twice is safe', () => {
    for (const name of ['王丽英', '李明', '李', 'Oliver Bennett', 'Zhang San']) {
      expect(maskName(maskName(name))).toBe(maskName(name));
    }
  });
});
