// A port free on 127.0.0.1 right now (the OS chooses it), for a server a test starts that takes
// its port as an argument rather than binding port 0 itself (PostgreSQL, Redis, `npm start`).
import { createServer } from 'node:net';

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
