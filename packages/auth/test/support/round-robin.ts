// A load balancer for the tests: each request goes to the next backend in turn; a backend that
// refuses the connection is skipped, as a balancer's health check would.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** The backends' origins, in turn; the test may change the list. */
  backends: string[];
  /** Which backend served each request, by index in `backends` at the time. */
  served: number[];
  stop(): Promise<void>;
}

export async function startRoundRobin(backends: string[] = []): Promise<RoundRobin> {
  let next = 0;
  const balancer: RoundRobin = { url: '', backends, served: [], stop: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const tries = balancer.backends.length;
    const attempt = (left: number): void => {
      const index = next % balancer.backends.length;
      next += 1;
      const target = new URL(req.url ?? '/', balancer.backends[index]);
      const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
        balancer.served.push(index);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && left > 1) attempt(left - 1);
        else res.writeHead(502).end();
      });
      upstream.end(body);
    };
    attempt(tries);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  balancer.stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return balancer;
}
