import type { IdTokenClaims } from '../core/id-token.js';

/** The signed-in user as the app sees it: claims, never tokens. */
export interface AuthUser {
  /** The subject: the provider's stable id for this person (`p-anji-driver` in the sandbox). */
  sub: string;
  /** The validated ID token's claims (`name`, `locale`, … as the provider releases them). */
  claims: IdTokenClaims;
  /** The scopes granted, space-separated as the provider returned them. */
  scope: string | undefined;
  /** When the current access token expires (epoch milliseconds, local clock). */
  expiresAt: number;
}

/** A session as kept in memory (or in storage when the app asks) and shared between tabs. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string;
  claims: IdTokenClaims;
  scope: string | undefined;
  expiresAt: number;
  /** Orders sessions between tabs: the higher one is newer. */
  version: number;
}

/** A `Storage`-shaped place for the session (`sessionStorage`, `localStorage`, your own). */
export interface SessionStorageLike {
  /**
   * The string stored under `key`, or null when there is none. The SDK uses one key per
   * authority and client (`zheli-auth:<authority>:<clientId>`), read once when `createAuth` runs.
   */
  getItem(key: string): string | null;
  /**
   * Stores `value` (the session as JSON, tokens included) under `key`, replacing what was there.
   */
  setItem(key: string, value: string): void;
  /**
   * Forgets what is stored under `key` (on sign-out, or when the session can no longer be renewed).
   */
  removeItem(key: string): void;
}
