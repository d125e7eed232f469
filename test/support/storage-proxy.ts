import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StorageProxy = {
  readonly port: number;
  /**
   * The next `n` transactions ($batch): `applied` reaches storage but its answer never comes
   * back; `dropped` never reaches storage (and gets no answer either). The client sees the same
   * in both cases: a request that times out.
   */
  loseNext(n: number, how: 'applied' | 'dropped'): void;
  close(): Promise<void>;
};

/** A loopback HTTP proxy in front of Azurite that can lose the answers of transactions. */
export async function startStorageProxy(targetPort: number): Promise<StorageProxy> {
  const losses: ('applied' | 'dropped')[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const loss = req.method === 'POST' && req.url?.includes('$batch') ? losses.shift() : undefined;
    if (loss === 'dropped') {
      open.add(res);
      req.resume();
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (loss === 'applied') {
          open.add(res);
          answer.resume();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    loseNext: (n, how) => {
      for (let i = 0; i < n; i++) losses.push(how);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
