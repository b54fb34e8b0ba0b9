/** A version as electron-builder writes them: 1.2.3, optionally -prerelease. */
const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Semantic-version order (build metadata ignored); throws on a string that is not a version. */
export function compareVersions(a: string, b: string): number {
  const pa = VERSION.exec(a.trim());
  const pb = VERSION.exec(b.trim());
  if (!pa || !pb) throw new Error(`"${pa ? b : a}" is not a version number`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const [preA, preB] = [pa[4], pb[4]];
  if (preA === preB) return 0;
  if (preA === undefined) return 1; // a release is newer than its prereleases
  if (preB === undefined) return -1;
  const xs = preA.split('.');
  const ys = preB.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return Math.sign(nx - ny);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** True when `candidate` is strictly newer than `current`: never offer the same or older. */
export const isNewer = (candidate: string, current: string): boolean =>
  compareVersions(candidate, current) > 0;
