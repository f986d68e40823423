// A partner's server app for the server-mode tests: the BFF handler (`partner-server`, Basic
// client authentication) behind Node's http server through @hono/node-server's adapter, and a
// home page for every other path.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type AuthHandler, type AuthHandlerOptions, createAuthHandler } from '../../src/server.ts';
import type { TestOp } from './op.ts';

export interface BffApp {
  /** `http://localhost:<port>`. */
  url: string;
  server: Server;
  handler: AuthHandler;
  stop(): Promise<void>;
}

/**
 * Starts the app on `localhost` (another host than the provider's 127.0.0.1, so their cookies
 * stay apart); `overrides(url)` adds to or replaces the handler's options.
 */
export async function startBffApp(
  op: TestOp,
  overrides: (url: string) => Partial<AuthHandlerOptions> = () => ({}),
): Promise<BffApp> {
  let handler: AuthHandler | undefined;
  const listener = getRequestListener(async (request) => {
    const { pathname } = new URL(request.url);
    if (handler?.handles(pathname)) return handler.fetch(request);
    return new Response('<!doctype html><title>partner server app</title><h1>home</h1>', {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  });
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  handler = createAuthHandler({
    authority: op.issuer,
    clientId: 'partner-server',
    clientAuth: { method: 'client_secret_basic', clientSecret: 'sandbox-secret' },
    redirectUri: `${url}/auth/callback`,
    apiBaseUrl: op.url,
    ...overrides(url),
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, server, handler, stop };
}
