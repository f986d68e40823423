import type { ZheliAuth } from './config.js';
import type { ZheliData } from './data.js';

/**
 * The one place that constructs the real `@zheli/client` and `@zheli/auth` for
 * `<zheli-config>`. Both load through dynamic imports: the client when a `base-url` is set, the
 * sign-in code only when someone signs in (or a stored session exists).
 *
 * Until `@zheli/client` and `@zheli/auth` are part of the workspace, the specifiers are held in
 * variables so the package builds without them; a missing package surfaces as the elements'
 * error state (and `zheli-error`), never as a broken page.
 */
const clientPackage = '@zheli/client';
const authPackage = '@zheli/auth';

interface ClientModule {
  createClient(options: { baseUrl: string; locale?: string }): ZheliData;
}

interface AuthModule {
  createAuth(options: {
    authority: string;
    clientId: string;
    redirectUri: string;
    scope?: string;
  }): ZheliAuth;
}

function required<T>(part: T | undefined): T {
  if (part === undefined) throw new Error(`${clientPackage} lacks the codes operations`);
  return part;
}

/** A client for `baseUrl`, built on first use and shared by every call. */
export function connectClient(baseUrl: string, locale: string): ZheliData {
  let loading: Promise<ZheliData> | undefined;
  const client = (): Promise<ZheliData> => {
    loading ??= (import(/* @vite-ignore */ clientPackage) as Promise<ClientModule>).then((module) =>
      module.createClient({ baseUrl, locale }),
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
export function connectAuth(options: ConnectAuthOptions): ZheliAuth {
  let loading: Promise<ZheliAuth> | undefined;
  const auth = (): Promise<ZheliAuth> => {
    loading ??= (import(/* @vite-ignore */ authPackage) as Promise<AuthModule>).then((module) =>
      module.createAuth(options),
    );
    return loading;
  };
  return {
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
