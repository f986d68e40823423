// `configure()`, apart from the context in config.ts that every element reads, so that an entry
// without `configure` (a page with only cards) carries neither it nor the locale switching.
import { setPageConfig, type ZheliConfiguration } from './config.js';
import { setLocale } from './locale-switch.js';

/**
 * Configures every element on the page that has no nearer `<zheli-config>`.
 *
 * Safe to call anywhere: on a server (no `document`, as while Next.js prerenders a
 * `'use client'` module) it does nothing, since there are no elements to configure; the same
 * call runs again in the browser, where the elements pick the configuration up, also those that
 * connected before it.
 *
 * @example
 * ```ts
 * import { createClient } from '@zheli/client';
 * import { configure } from '@zheli/elements';
 * configure({ client: createClient({ baseUrl: 'https://api.example.gov.cn' }), locale: 'en' });
 * ```
 */
export function configure(configuration: ZheliConfiguration): void {
  if (typeof document === 'undefined') return;
  if (configuration.locale !== undefined) void setLocale(configuration.locale);
  setPageConfig(configuration);
}
