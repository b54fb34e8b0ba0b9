/**
 * A chosen file's whole content as base64, the form the import requests accept for CSV and
 * .xlsx alike: the backend then sees the raw bytes and can tell UTF-8 from Latin-1 itself, and
 * base64 crosses every transport (MessagePort, test bindings) unchanged.
 */
export async function readFileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // btoa takes a binary string; build it in slices so a large file does not overflow the stack.
  const slice = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += slice) {
    binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  }
  return btoa(binary);
}
