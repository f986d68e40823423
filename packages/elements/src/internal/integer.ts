/**
 * A whole number as `Intl.NumberFormat` writes it in every language of the elements (zh-CN,
 * zh-TW, en: Latin digits, a comma every three), without `Intl`: the page's first number format
 * loads the ICU number data, 15 to 30 ms of the main thread in Chromium, which a list's first
 * screen (its count, each compact card's promised days) then no longer waits for. Anything else
 * (a fraction, a currency, a number beyond 2^53) is left to `Intl`, so it returns `undefined`.
 */
export function formatInteger(value: number): string | undefined {
  return Number.isSafeInteger(value) ? String(value).replace(/\B(?=(\d{3})+$)/g, ',') : undefined;
}
