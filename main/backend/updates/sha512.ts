import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** A file's sha512 in base64, as latest.yml writes it; streamed, so installers never fill memory. */
export async function sha512Base64(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}
