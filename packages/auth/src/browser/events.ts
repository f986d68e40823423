import type { ZheliAuthError } from '../core/errors.js';
import type { AuthUser } from './types.js';

/** The events an {@link Auth} emits, and what each listener receives. */
export interface AuthEventMap {
  /** A sign-in completed in this tab or, through tab sync, in another. */
  'signed-in': { user: AuthUser; source: 'this-tab' | 'other-tab' };
  /** The user signed out here or in another tab, or the session was dropped. */
  'signed-out': { source: 'this-tab' | 'other-tab' };
  /** The tokens were renewed (refresh token or silent sign-in), here or in another tab. */
  renewed: { user: AuthUser; source: 'this-tab' | 'other-tab' };
  /** The session can no longer be renewed: the user must sign in again. */
  'session-expired': { error: ZheliAuthError };
}

/**
 * The name of an event `Auth.on` listens to: `signed-in`, `signed-out`, `renewed`,
 * `session-expired`.
 */
export type AuthEventType = keyof AuthEventMap;
/** A listener of one event type, called with that event's details. */
export type AuthEventListener<T extends AuthEventType> = (event: AuthEventMap[T]) => void;

export class Emitter {
  #listeners = new Map<AuthEventType, Set<(event: never) => void>>();

  on<T extends AuthEventType>(type: T, listener: AuthEventListener<T>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  emit<T extends AuthEventType>(type: T, event: AuthEventMap[T], onError: (e: unknown) => void) {
    for (const listener of this.#listeners.get(type) ?? []) {
      try {
        (listener as AuthEventListener<T>)(event);
      } catch (error) {
        onError(error);
      }
    }
  }
}
