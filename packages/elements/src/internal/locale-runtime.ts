import { configureLocalization } from '@lit/localize/init/runtime.js';

/**
 * `@lit/localize`'s runtime with the other locales' loaders: loaded (as one chunk) with the first
 * switch away from the source locale, so a zh-CN page never downloads it.
 */
export const runtime = configureLocalization({
  sourceLocale: 'zh-CN',
  targetLocales: ['zh-TW', 'en'],
  loadLocale: (locale) =>
    locale === 'en' ? import('../locales/en.js') : import('../locales/zh-TW.js'),
});
