import { configureLocalization } from '@lit/localize';

/** The languages every string of the elements exists in. */
export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
/** One of `locales`. */
export type Locale = (typeof locales)[number];

/** The language the messages are written in (and the default). */
export const sourceLocale: Locale = 'zh-CN';

const loaders = {
  'zh-TW': () => import('../locales/zh-TW.js'),
  en: () => import('../locales/en.js'),
} as const;

let runtime: ReturnType<typeof configureLocalization> | undefined;

function localization(): ReturnType<typeof configureLocalization> {
  runtime ??= configureLocalization({
    sourceLocale,
    targetLocales: ['zh-TW', 'en'],
    loadLocale: (locale) => loaders[locale as 'zh-TW' | 'en'](),
  });
  return runtime;
}

/** Whether `value` is a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return (locales as readonly unknown[]).includes(value);
}

/** The active locale. */
export function getLocale(): Locale {
  if (runtime === undefined) return sourceLocale;
  const active = runtime.getLocale();
  return isLocale(active) ? active : sourceLocale;
}

/**
 * Switches every element to `locale`, loading only that locale's messages. Elements re-render
 * when the messages arrive.
 */
export async function setLocale(locale: Locale): Promise<void> {
  if (runtime === undefined && locale === sourceLocale) return;
  await localization().setLocale(locale);
}
