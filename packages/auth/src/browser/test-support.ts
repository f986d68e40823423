// Fixtures for the browser modules' tests (not an entry: never built or shipped).
import type { SessionStoreOptions } from './session-store.js';

/** A session store for one client, in memory, without tab sync, silent. */
export const testStoreOptions: SessionStoreOptions = {
  authority: 'https://auth.example',
  clientId: 'partner-app',
  storage: 'memory',
  syncTabs: false,
  tabSyncTimeoutMs: 150,
  logger: {},
};
