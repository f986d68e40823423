import type { runtime as Runtime } from './locale-runtime.js';

/** The languages every string of the elements exists in. */
export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
/** One of `locales`. */
export type Locale = (typeof locales)[number];

/** The language the messages are written in (and the default). */
export const sourceLocale: Locale = 'zh-CN';

let runtime: typeof Runtime | undefined;
let loading: Promise<typeof Runtime> | undefined;
/** Whether the page chose the locale itself: then the platform app's language is not followed. */
let chosen = false;

/**
 * Loads `@lit/localize`'s runtime with the first switch away from the source locale: a page in
 * zh-CN never loads it (`msg()` then returns the source strings as they are).
 */
function localization(): Promise<typeof Runtime> {
  loading ??= import('./locale-runtime.js').then((module) => {
    runtime = module.runtime;
    return runtime;
  });
  return loading;
}

/** Whether `value` is a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return (locales as readonly unknown[]).includes(value);
}

/** The active locale. */
export function getLocale(): Locale {
  return (runtime?.getLocale() as Locale | undefined) ?? sourceLocale;
}

async function switchTo(locale: Locale): Promise<void> {
  if (typeof window === 'undefined') return;
  if (loading === undefined && locale === sourceLocale) return;
  await (await localization()).setLocale(locale);
}

/**
 * Switches every element to `locale`, loading only that locale's messages. Elements re-render
 * when the messages arrive. On a server (no `window`) it does nothing: the elements render in
 * the browser, where the same call switches them. The page's choice (this call, `configure()`'s
 * or `<zheli-config>`'s `locale`) wins over the platform app's language from then on.
 */
export function setLocale(locale: Locale): Promise<void> {
  chosen = true;
  return switchTo(locale);
}

/**
 * Switches to the platform app's language, inside the app, unless the page chose a locale.
 */
export function followAppLocale(locale: Locale): Promise<void> {
  return chosen ? Promise.resolve() : switchTo(locale);
}
