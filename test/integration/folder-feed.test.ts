import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serveUpdateFolder } from '../../main/electron/folder-feed';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { writeReleaseFolder } from '../support/update-folder';

const tempDir = useTempDir();
const afterTest = useAfterTest();

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the folder feed electron-updater downloads an offline update from', () => {
  it('serves the verified files on 127.0.0.1 and nothing else', async () => {
    const folder = tempDir();
    const release = writeReleaseFolder(folder, '9.0.0');
    const feed = await serveUpdateFolder(folder, [release.metadata, release.installer]);
    afterTest(() => feed.close());
    expect(feed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const installer = await get(`${feed.url}${release.installer}`);
    expect(installer.status).toBe(200);
    expect(installer.body.equals(readFileSync(release.installerPath))).toBe(true);
    expect((await get(`${feed.url}${release.metadata}`)).status).toBe(200);

    expect((await get(`${feed.url}other.exe`)).status).toBe(404);
    expect((await get(`${feed.url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    // Named but absent (no blockmap was written): a 404, and the server carries on.
    const withBlockmap = await serveUpdateFolder(folder, [`${release.installer}.blockmap`]);
    afterTest(() => withBlockmap.close());
    expect((await get(`${withBlockmap.url}${release.installer}.blockmap`)).status).toBe(404);
  });
});
