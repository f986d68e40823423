// A browser reduced to what server mode needs: cookies per origin and redirects followed by
// hand, signing in at the sandbox as a persona (its interaction page takes X-Zheli-Persona).
import { CookieJar } from '../../../../scripts/cookie-jar.ts';

export class HttpBrowser {
  #jars = new Map<string, CookieJar>();

  #jar(origin: string): CookieJar {
    let jar = this.#jars.get(origin);
    if (!jar) {
      jar = new CookieJar();
      this.#jars.set(origin, jar);
    }
    return jar;
  }

  /** One request without following redirects, with the origin's cookies sent and stored. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    return this.#jar(new URL(url).origin).fetch(url, init);
  }

  /** The value of the cookie `name` this browser holds for `origin` (the bench copies it). */
  cookie(origin: string, name: string): string | undefined {
    return this.#jar(new URL(origin).origin).get(name);
  }

  /** A same-origin API call as the app's page makes it (the CSRF header on every method). */
  async call(url: string, method = 'GET'): Promise<{ status: number; body: unknown }> {
    const response = await this.fetch(url, {
      method,
      headers: { 'x-zheli-csrf': '1', origin: new URL(url).origin },
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  /**
   * Signs in through `<app>/auth/login`: the provider's pages as `persona`, then the callback
   * on the app. Returns the callback's response (303 on success).
   */
  async signIn(app: string, persona: string): Promise<Response> {
    let next = `${app}/auth/login?returnTo=/home`;
    for (let hop = 0; hop < 12; hop += 1) {
      const isInteraction = new URL(next).pathname.startsWith('/interaction/');
      const response = await this.fetch(next, {
        headers: isInteraction ? { 'x-zheli-persona': persona } : {},
      });
      const location = response.headers.get('location');
      if (new URL(next).pathname === '/auth/callback' || !location) return response;
      next = new URL(location, next).href;
    }
    throw new Error('Too many redirects signing in');
  }
}
