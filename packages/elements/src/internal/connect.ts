import type { Auth } from '@zheli/auth';
import type { ZheliAuth } from './config.js';
import type { ZheliData } from './data.js';
import { loadOnce } from './loader.js';
import { getLocale, type Locale } from './localize.js';
import { getLogger } from './logger.js';

/**
 * The one place that constructs the real `@zheli/client` and `@zheli/auth` for
 * `<zheli-config>`, each behind a dynamic import: the client (and ky) load when the first
 * element asks for data, the sign-in code only when someone signs in, when the page returns from
 * a redirect sign-in, or when a session is already stored. In the drop-in build each is a chunk.
 */

type Client = import('@zheli/client').ZheliClient;

function required<T>(part: T | undefined): T {
  if (part === undefined)
    throw new Error('This @zheli/client lacks an operation the element needs');
  return part;
}

/**
 * A group of the client's `name` group's methods, and of the methods of the group `load` makes
 * (a feature module of `@zheli/client`, loaded on the first call of one of its methods): one
 * proxy rather than a wrapper per method keeps this file, in every page's eager part, small.
 */
function feature<G extends object>(
  client: () => Promise<ZheliData>,
  name: keyof Client,
  load: () => Promise<(client: Client) => object>,
): G {
  return new Proxy({} as G, {
    // Not a thenable: `then` stays undefined, so the group can be returned from an async
    // function (`await` looks for `then` on what it is given).
    get: (_, method) =>
      method === 'then'
        ? undefined
        : async (...args: unknown[]) => {
            const c = (await client()) as Client;
            type Group = Record<PropertyKey, (...a: unknown[]) => Promise<unknown>>;
            const group = c[name] as Group | undefined;
            const own = group?.[method];
            return (own ? own.bind(group) : required(((await load())(c) as Group)[method]))(
              ...args,
            );
          },
  });
}

/** Returns the signed-in person's access token, or `undefined` when nobody is signed in. */
export type TokenSource = (options: { forceRefresh: boolean }) => Promise<string | undefined>;

/**
 * A client for `baseUrl`, built on first use and shared by every call. With `getAccessToken`
 * (from `connectAuth`), calls that need a signed-in person carry their access token;
 * `batchDelay` is `<zheli-config batch-window>`.
 */
export function connectClient(
  baseUrl: string,
  locale: string,
  getAccessToken?: TokenSource,
  batchDelay?: number,
): ZheliData {
  // Loaded on the first request, and again by the next one if it did not arrive.
  const client: () => Promise<ZheliData> = loadOnce(() =>
    import('@zheli/client').then((module) =>
      module.createClient({
        baseUrl,
        locale,
        ...(getAccessToken ? { getAccessToken } : {}),
        ...(batchDelay === undefined ? {} : { batchDelay }),
      }),
    ),
  );
  return {
    services: {
      getMany: (ids, options) => client().then((c) => c.services.getMany(ids, options)),
      search: (query, options) => client().then((c) => c.services.search(query, options)),
    },
    regions: {
      list: (query, options) => client().then((c) => c.regions.list(query, options)),
      get: (code, options) => client().then((c) => c.regions.get(code, options)),
    },
    sites: {
      venueCode: (siteId, options) =>
        client().then((c) => required(c.sites).venueCode(siteId, options)),
      list: (query, options) =>
        client().then((c) => required(required(c.sites).list)(query, options)),
      get: (siteId, options) =>
        client().then((c) => required(required(c.sites).get)(siteId, options)),
      slots: (siteId, query, options) =>
        client().then((c) => required(required(c.sites).slots)(siteId, query, options)),
    },
    appointments: {
      book: (body, options) => client().then((c) => required(c.appointments).book(body, options)),
      cancel: (id, body, options) =>
        client().then((c) => required(c.appointments).cancel(id, body, options)),
      reschedule: (id, body, options) =>
        client().then((c) => required(c.appointments).reschedule(id, body, options)),
      list: (query, options) =>
        client().then((c) => required(required(c.appointments).list)(query, options)),
    },
    codes: {
      issue: (body, options) => client().then((c) => required(c.codes).issue(body, options)),
      keys: (options) => client().then((c) => required(c.codes).keys(options)),
    },
    evaluations: {
      tags: (options) => client().then((c) => required(c.evaluations).tags(options)),
      submit: (body, options) =>
        client().then((c) => required(c.evaluations).submit(body, options)),
    },
    // The client's own methods, or those of its feature modules (`@zheli/client/points`, …),
    // which load with the first call of an element that uses them, not with this file.
    applications: feature(client, 'applications' as keyof Client, () =>
      import('@zheli/client/applications').then((module) => module.applications),
    ),
    me: feature(client, 'me', () =>
      import('@zheli/client/recommendation-controls').then(
        (module) => module.recommendationControls,
      ),
    ),
    points: feature(client, 'points' as keyof Client, () =>
      import('@zheli/client/points').then((module) => module.points),
    ),
  };
}

/** Options of `connectAuth`. */
export interface ConnectAuthOptions {
  authority: string;
  clientId: string;
  redirectUri: string;
  scope?: string;
}

function hasStoredSession(options: ConnectAuthOptions): boolean {
  const key = `zheli-auth:${options.authority}:${options.clientId}`;
  try {
    return sessionStorage.getItem(key) !== null || localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

/** Inside the platform's app its bridge is on the page (read on sign-in, in the browser). */
const inAppContainer = (): boolean => 'ZWJSBridge' in window;

/**
 * What the window {@link openPopupWindow} opens says, in each locale. A table of its own rather
 * than a `msg()` of `messages.ts`: importing `msg` here moved modules between the drop-in's chunks
 * and added 350 B gzip to a page with cards; this table and the window's text cost about 180 B.
 */
const popupOpening: Record<Locale, string> = {
  'zh-CN': '正在打开登录页面…',
  'zh-TW': '正在開啟登入頁面…',
  en: 'Opening the sign-in page…',
};

/**
 * A sign-in popup's window, 500 × 640 and centred on the page's, as `@zheli/auth` opens one.
 * Until the sign-in code has arrived and sends it to the sign-in page, it says so in the
 * elements' language: a blank window is one a person may take for broken and close.
 */
const openPopupWindow = (): Window | null => {
  const popup = window.open(
    '',
    '',
    `popup,width=500,height=640,left=${screenX + outerWidth / 2 - 250},top=${screenY + outerHeight / 2 - 320}`,
  );
  try {
    const page = popup?.document;
    if (page) {
      const locale = getLocale();
      page.documentElement.lang = locale;
      page.title = page.body.textContent = popupOpening[locale];
      page.body.style.cssText = 'font:1.25rem sans-serif;margin:2rem';
    }
  } catch {
    // A window the page cannot write into still serves the sign-in, blank.
  }
  return popup;
};

function isCallback(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * An auth whose code loads only when someone signs in, when the page is the redirect URI
 * returning from sign-in (`?code=…&state=…`, completed with `handleCallback()`), or when a
 * session is already stored under `@zheli/auth`'s `zheli-auth:<authority>:<client id>` key.
 */
export function connectAuth(
  options: ConnectAuthOptions,
): ZheliAuth & { getAccessToken: TokenSource } {
  type LoadedAuth = ZheliAuth & {
    getAccessToken(options?: { forceRefresh?: boolean }): Promise<string | undefined>;
    signInWithTicket: Auth['signInWithTicket'];
  };
  type Change = Parameters<NonNullable<ZheliAuth['on']>>[0];
  let loading: Promise<LoadedAuth> | undefined;
  let loaded: LoadedAuth | undefined;
  let callback: Promise<unknown> | undefined;
  // The elements' listeners, kept here: they hear the auth's events once its code has loaded
  // (signing in, the redirect's callback and a stored session each load it; until then this
  // page holds no session that could change).
  const listeners = new Map<Change, Set<() => void>>();
  const tell = (type: Change) => () => {
    for (const listener of listeners.get(type) ?? []) listener();
  };
  const auth = (): Promise<LoadedAuth> => {
    loading ??= import('@zheli/auth').then(
      (module) => {
        const created = module.createAuth(options);
        for (const type of ['signed-in', 'signed-out', 'renewed', 'session-expired'] as const) {
          created.on(type, tell(type));
        }
        loaded = created;
        return created;
      },
      (error: unknown) => {
        // Not arrived: the next sign-in (or token) asks for the code again.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    on: (type, listener) => {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    // Signed out (no stored session, no sign-in under way): no token, and no sign-in code loaded.
    getAccessToken: async (tokenOptions) => {
      if (loading === undefined && !hasStoredSession(options)) return undefined;
      // On the redirect URI, the token exists once the callback completed.
      if (callback !== undefined) await callback.catch(() => undefined);
      return (await auth()).getAccessToken(tokenOptions);
    },
    // Inside the platform's app the person is signed in there already: the app's one-time
    // ticket signs them in here with no redirect; the redirect is the fallback.
    signIn: async (signInOptions) => {
      if (!inAppContainer()) {
        // Browsers block a popup opened once the sign-in code has arrived, seconds after the
        // click on a slow network: until it has loaded once, the window opens here, in the click.
        const popupWindow =
          signInOptions?.popup && loaded === undefined ? openPopupWindow() : undefined;
        try {
          return await ((await auth()) as Auth).signIn({ ...signInOptions, popupWindow });
        } finally {
          // Closed by the sign-in already, unless its code did not arrive.
          popupWindow?.close();
        }
      }
      const ready = await auth();
      try {
        const { createBridge } = await import('@zheli/bridge');
        const bridge = createBridge();
        return await ready.signInWithTicket((binding) => bridge.getTicket(binding));
      } catch (error) {
        getLogger().warn('Sign-in with the app’s ticket failed; signing in by redirect', error);
        return ready.signIn({ ...signInOptions, popup: false });
      }
    },
    signOut: () => auth().then((a) => a.signOut()),
    getUser: async () => {
      if (isCallback() || callback !== undefined) {
        const loaded = await auth();
        // Once per page: several elements asking at once share the one callback completion.
        callback ??= Promise.resolve(loaded.handleCallback?.());
        await callback;
        return loaded.getUser();
      }
      if (loading !== undefined) return (await loading).getUser();
      return hasStoredSession(options) ? (await auth()).getUser() : null;
    },
  };
}
