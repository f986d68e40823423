// Cookies of one origin for tests that drive the sandbox's provider or a backend-for-frontend
// over plain HTTP with `fetch` (packages/sandbox's identity tests, packages/auth's server-mode
// tests): what a browser would send back, attributes ignored.

export class CookieJar {
  #cookies = new Map<string, string>();

  /** The value of cookie `name`, if held. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** The `Cookie` request header. */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Keeps the response's cookies; an emptied or expired one (max-age=0, 1970) is dropped. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0\b|expires=Thu, 01 Jan 1970/i.test(line)) {
        this.#cookies.delete(name);
      } else this.#cookies.set(name, value);
    }
  }

  /** fetch without following redirects, sending and storing cookies. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(response);
    return response;
  }
}
