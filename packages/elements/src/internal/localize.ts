import type { runtime as Runtime } from './locale-runtime.js';

/** The languages every string of the elements exists in. */
export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
/** One of `locales`. */
export type Locale = (typeof locales)[number];

/** The language the messages are written in (and the default). */
export const sourceLocale: Locale = 'zh-CN';

let runtime: typeof Runtime | undefined;

/**
 * Takes `@lit/localize`'s runtime once `locale-switch.ts` has loaded it (with the first switch
 * away from the source locale). The switching lives there, so that an entry which never switches
 * (a page with only cards) carries no loader of the runtime and its locales.
 */
export function useRuntime(loaded: typeof Runtime): void {
  runtime = loaded;
}

/** Whether `value` is a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return (locales as readonly unknown[]).includes(value);
}

/** The active locale. */
export function getLocale(): Locale {
  return (runtime?.getLocale() as Locale | undefined) ?? sourceLocale;
}
