import { connect, createServer, type Server, type Socket } from 'node:net';

export interface CuttingProxy {
  port: number;
  /** Links cut so far. */
  cuts(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy to a PostgreSQL port that cuts each link after a random number of bytes from the
 * client, `cuts` times in all (then it only forwards). `onData` sees the running byte count, so
 * a test can do something (restart the server) mid-stream.
 */
export async function cuttingProxy(
  targetPort: number,
  options: {
    cuts: number;
    random: () => number;
    maxBytes: number;
    onData?: (total: number) => void;
  },
): Promise<CuttingProxy> {
  let cut = 0;
  let total = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const budget =
      cut < options.cuts ? Math.floor(200 + options.random() * options.maxBytes) : Infinity;
    let sent = 0;
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      total += chunk.length;
      if (sent > budget) {
        cut += 1;
        // Forward part of the chunk, so the server sees a message cut in the middle.
        upstream.write(chunk.subarray(0, Math.max(0, chunk.length - (sent - budget))), drop);
        return;
      }
      upstream.write(chunk);
      options.onData?.(total);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    cuts: () => cut,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
