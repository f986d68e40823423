/**
 * `@zheli/contract/mask`: the platform's one rule for showing personal data to partners, masked.
 * The sandbox masks its ID token claims and `/v1/me` with it and `<zheli-login-button>` the name
 * it shows, so a name or number reads the same everywhere. No dependencies, no side effects.
 *
 * One principle throughout: keep a few characters at the ends, replace each other character with
 * `*`, and mask a value wholly when it is too short to keep any. Lengths count code points.
 */

/** `value` with its first `head` and last `tail` code points kept; wholly masked when too short. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return [
    ...chars.slice(0, head),
    '*'.repeat(chars.length - head - tail),
    ...chars.slice(chars.length - tail),
  ].join('');
}

const han = /\p{Script=Han}/u;

/**
 * Masks a personal name.
 *
 * - A Chinese name (any Han character) keeps its first character (the surname's) and, from three
 *   characters on, its last: `王丽英` → `王*英`, `欧阳晓东` → `欧**东`, `李明` → `李*`, `李` → `*`.
 * - Any other name keeps the first letter of each word: `Oliver Bennett` → `O***** B******`;
 *   a one-letter word is masked wholly (`J` → `*`).
 *
 * Surrounding whitespace is dropped; an empty name stays empty.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (han.test(trimmed)) return keepEnds(trimmed, 1, Array.from(trimmed).length > 2 ? 1 : 0);
  return trimmed
    .split(/\s+/)
    .map((word) => keepEnds(word, 1, 0))
    .join(' ');
}

/**
 * Masks a mobile number to its first 3 and last 4 digits, after dropping a `+86` prefix and
 * anything not a digit: `13805715678` and `+86 138 0571 5678` → `138****5678`.
 */
export function maskPhone(phone: string): string {
  return keepEnds(phone.trim().replace(/^\+86/, '').replace(/\D/g, ''), 3, 4);
}

/**
 * Masks a resident ID number (or a passport number) to its first 3 and last 4 characters:
 * `33010619440312002X` → `330***********002X`.
 */
export function maskIdNumber(idNumber: string): string {
  return keepEnds(idNumber.trim(), 3, 4);
}

/**
 * Masks a unified social credit code to its first 6 characters (the registering authority and
 * region): `91330500MA2B3C4D5E` → `913305************`.
 */
export function maskCreditCode(code: string): string {
  return keepEnds(code.trim(), 6, 0);
}
