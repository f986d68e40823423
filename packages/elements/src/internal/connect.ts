import type { ZheliAuth } from './config.js';
import type { ZheliData } from './data.js';

/**
 * The one place that constructs the real `@zheli/client` and `@zheli/auth` for
 * `<zheli-config>`, each behind a dynamic import: the client (and ky) load when the first
 * element asks for data, the sign-in code only when someone signs in, when the page returns from
 * a redirect sign-in, or when a session is already stored. In the drop-in build each is a chunk.
 */

function required<T>(part: T | undefined): T {
  if (part === undefined)
    throw new Error('This @zheli/client lacks an operation the element needs');
  return part;
}

/** Returns the signed-in person's access token, or `undefined` when nobody is signed in. */
export type TokenSource = (options: { forceRefresh: boolean }) => Promise<string | undefined>;

/**
 * A client for `baseUrl`, built on first use and shared by every call. With `getAccessToken`
 * (from `connectAuth`), calls that need a signed-in person carry their access token.
 */
export function connectClient(
  baseUrl: string,
  locale: string,
  getAccessToken?: TokenSource,
): ZheliData {
  let loading: Promise<ZheliData> | undefined;
  const client = (): Promise<ZheliData> => {
    loading ??= import('@zheli/client').then((module) =>
      module.createClient({ baseUrl, locale, ...(getAccessToken ? { getAccessToken } : {}) }),
    );
    return loading;
  };
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
    me: {
      matter: (caseNumber, options) =>
        client().then((c) => required(c.me).matter(caseNumber, options)),
    },
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
  };
  let loading: Promise<LoadedAuth> | undefined;
  const auth = (): Promise<LoadedAuth> => {
    loading ??= import('@zheli/auth').then((module) => module.createAuth(options));
    return loading;
  };
  return {
    // Signed out (no stored session, no sign-in under way): no token, and no sign-in code loaded.
    getAccessToken: async (tokenOptions) =>
      loading !== undefined || hasStoredSession(options)
        ? (await auth()).getAccessToken(tokenOptions)
        : undefined,
    signIn: (signInOptions) => auth().then((a) => a.signIn(signInOptions)),
    signOut: () => auth().then((a) => a.signOut()),
    getUser: async () => {
      if (isCallback()) {
        const loaded = await auth();
        await loaded.handleCallback?.();
        return loaded.getUser();
      }
      return hasStoredSession(options) ? (await auth()).getUser() : null;
    },
  };
}
