// Switching the elements' language: loads `@lit/localize`'s runtime and the locale's messages on
// the first switch away from the source locale. Apart from `localize.ts` (which every element
// reads), so an entry that never switches does not carry the loader.
import type { runtime as Runtime } from './locale-runtime.js';
import { type Locale, sourceLocale, useRuntime } from './localize.js';

let loading: Promise<typeof Runtime> | undefined;
/** Whether the page chose the locale itself: then the platform app's language is not followed. */
let chosen = false;

/**
 * Loads `@lit/localize`'s runtime with the first switch away from the source locale: a page in
 * zh-CN never loads it (`msg()` then returns the source strings as they are).
 */
function localization(): Promise<typeof Runtime> {
  loading ??= import('./locale-runtime.js').then(
    (module) => {
      useRuntime(module.runtime);
      return module.runtime;
    },
    (error: unknown) => {
      // Not arrived: the next switch asks for it again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

async function switchTo(locale: Locale): Promise<void> {
  if (typeof window === 'undefined') return;
  if (loading === undefined && locale === sourceLocale) return;
  const runtime = await localization();
  await runtime.setLocale(locale).catch((error: unknown) => {
    // The locale's messages did not arrive. `@lit/localize` would answer every later switch to
    // that locale with this failure: settling back on the locale shown lets the next one load.
    runtime.setLocale(runtime.getLocale()).catch(() => undefined);
    throw error;
  });
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
