import type { AccessTokenProvider } from '@zheli/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { AuthUser, createAuth, TokenProvider, ZheliAuthError } from './index.js';
import { type AuthHandler, createAuthHandler } from './server.js';

describe('public types', () => {
  it('hands @zheli/client a getAccessToken it can call with or without a forced refresh', () => {
    type Auth = ReturnType<typeof createAuth>;
    expectTypeOf<Auth['getAccessToken']>().toExtend<() => Promise<string | undefined>>();
    expectTypeOf<Auth['getAccessToken']>().toExtend<AccessTokenProvider>();
    expectTypeOf<TokenProvider['getAccessToken']>().toExtend<AccessTokenProvider>();
    expectTypeOf<TokenProvider['getAccessToken']>().toExtend<
      (options?: { forceRefresh?: boolean }) => Promise<string | undefined>
    >();
  });

  it('resolves a popup sign-in with the user and a redirect sign-in with undefined', () => {
    type Auth = ReturnType<typeof createAuth>;
    expectTypeOf<ReturnType<(a: Auth) => ReturnType<Auth['signIn']>>>().toEqualTypeOf<
      Promise<AuthUser | undefined>
    >();
    const popup = (auth: Auth) => auth.signIn({ popup: true });
    expectTypeOf(popup).returns.toEqualTypeOf<Promise<AuthUser>>();
    const opened = (auth: Auth, popupWindow: Window | null) => auth.signIn({ popupWindow });
    expectTypeOf(opened).returns.toEqualTypeOf<Promise<AuthUser>>();
  });

  it('types event payloads by event name', () => {
    const listen = (auth: ReturnType<typeof createAuth>) =>
      auth.on('session-expired', (event) => {
        expectTypeOf(event.error).toEqualTypeOf<ZheliAuthError>();
      });
    expectTypeOf(listen).returns.toEqualTypeOf<() => void>();
  });

  it('exposes server mode as a Web-standard fetch handler', () => {
    expectTypeOf(createAuthHandler).returns.toEqualTypeOf<AuthHandler>();
    expectTypeOf<AuthHandler['fetch']>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    const publicClient = () =>
      createAuthHandler({
        authority: '',
        clientId: '',
        redirectUri: '',
        // @ts-expect-error: a confidential client must authenticate; 'none' is browser mode only
        clientAuth: { method: 'none' },
      });
    expectTypeOf(publicClient).toBeFunction();
  });
});
