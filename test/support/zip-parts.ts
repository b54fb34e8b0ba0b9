import { createDeflateRaw } from 'node:zlib';

/** One part of a zip as the test forges it: already deflated, with the size it claims. */
export interface ForgedPart {
  name: string;
  deflated: Buffer;
  /** What the zip's directory says the part inflates to (a bomb may lie). */
  claimedSize: number;
}

/** Deflates `head`, then `chunk` `times` over, then `tail`, never holding the whole text. */
export async function deflatePart(
  name: string,
  head: string,
  chunk: string,
  times: number,
  tail: string,
): Promise<ForgedPart> {
  const z = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => z.on('end', resolve));
  const piece = Buffer.from(chunk);
  z.write(head);
  for (let i = 0; i < times; i++) {
    if (!z.write(piece)) await new Promise((resolve) => z.once('drain', resolve));
  }
  z.end(tail);
  await done;
  const size = Buffer.byteLength(head) + piece.length * times + Buffer.byteLength(tail);
  return { name, deflated: Buffer.concat(out), claimedSize: size };
}

/**
 * A zip file of already-deflated parts, written by hand so a test can make its directory claim
 * any size. CRCs are left zero: the file must be refused before anything checks them.
 */
export function forgeZip(parts: readonly ForgedPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.claimedSize, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.deflated);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.deflated.length, 20);
    dir.writeUInt32LE(p.claimedSize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dirBytes, end]));
}
