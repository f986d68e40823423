import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ZheliAuth, ZheliUser } from './config.js';

/** The auth's changes an element follows (`@zheli/auth`'s events). */
const changes = ['signed-in', 'signed-out', 'renewed', 'session-expired'] as const;

/** What an element does with the person the auth reports. */
interface UserControllerOptions {
  /** Called after each read: when the auth arrives, on each change it reports, on `refresh()`. */
  onChange?: (user: ZheliUser | null) => void;
  /** Called when `getUser()` fails (the element then counts the person as signed out). */
  onError?: (error: unknown) => void;
}

/**
 * The signed-in person, kept current for an element: read from the configured auth's
 * `getUser()` when the auth arrives, and again on each change the auth reports through `on()`
 * (signed in, signed out, renewed, session expired; in this tab or another). So an element follows
 * a sign-in that completes after it connected, such as `handleCallback()` on the redirect page,
 * whatever the order of `configure()`, the element's connection and the callback. An auth without
 * `on()` is read once, and again by `refresh()`.
 */
export class UserController implements ReactiveController {
  /** The signed-in person; `null` when signed out; `undefined` until the auth answers. */
  user: ZheliUser | null | undefined;
  /** Whether the person is signed out because the session expired (and must sign in again). */
  expired = false;

  private host: ReactiveControllerHost;
  private authOf: () => ZheliAuth | undefined;
  private options: UserControllerOptions;
  private auth: ZheliAuth | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Counts reads, so an answer that a newer read overtook is dropped. */
  private reads = 0;

  constructor(
    host: ReactiveControllerHost,
    auth: () => ZheliAuth | undefined,
    options: UserControllerOptions = {},
  ) {
    this.host = host;
    this.authOf = auth;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Back in the document: listen again (to the auth it had, or the one it gets next).
    if (this.auth !== undefined) this.follow(this.auth);
  }

  hostUpdate(): void {
    const auth = this.authOf();
    if (auth !== this.auth) this.follow(auth);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Reads the person again now (after the element itself signed in or out). */
  async refresh(): Promise<ZheliUser | null | undefined> {
    await this.read();
    return this.user;
  }

  private follow(auth: ZheliAuth | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.auth = auth;
    this.user = undefined;
    this.expired = false;
    this.host.requestUpdate();
    if (auth === undefined) return;
    const stops = changes.map((type) =>
      auth.on?.(type, () => {
        this.expired = type === 'session-expired';
        void this.read();
      }),
    );
    this.unsubscribe = () => {
      for (const stop of stops) stop?.();
    };
    void this.read();
  }

  private async read(): Promise<void> {
    const auth = this.auth;
    if (auth === undefined) return;
    const read = ++this.reads;
    let user: ZheliUser | null;
    try {
      user = await auth.getUser();
    } catch (error) {
      user = null;
      this.options.onError?.(error);
    }
    if (read !== this.reads || auth !== this.auth) return;
    if (user !== null) this.expired = false;
    this.user = user;
    this.host.requestUpdate();
    this.options.onChange?.(user);
  }
}
