import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export interface FolderFeed {
  /** The feed's address for electron-updater's generic provider. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves an update folder (USB drive, share) to electron-updater's generic provider on this
 * machine only (127.0.0.1, a port of the system's choosing), so an offline update runs through
 * the same download, sha512 check, differential download and install as a server's. Serves
 * only the files named (the verified metadata, installer and blockmap), read-only.
 */
export function serveUpdateFolder(folder: string, files: readonly string[]): Promise<FolderFeed> {
  const allowed = new Set(files);
  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent(
      new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1),
    );
    if (request.method !== 'GET' || !allowed.has(name)) {
      response.writeHead(404).end();
      return;
    }
    const stream = createReadStream(join(folder, name));
    stream.once('open', () =>
      response.writeHead(200, { 'content-type': 'application/octet-stream' }),
    );
    stream.once('error', () => {
      if (!response.headersSent) response.writeHead(404);
      response.end();
    });
    stream.pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
