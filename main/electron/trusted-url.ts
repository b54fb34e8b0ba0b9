import { extname, normalize, resolve, sep } from 'node:path';

/** The app's own origin: the renderer is served from this privileged scheme, never from disk. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'beacon';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** True only for pages of the app itself; everything else is remote content and refused. */
export function isTrustedUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '';
  } catch {
    return false;
  }
}

/**
 * Maps an app:// request to a file inside the renderer folder, or null when the path would leave
 * it (../ tricks, encoded separators).
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isTrustedUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${normalize(pathname === '/' ? '/index.html' : pathname)}`);
  return file.startsWith(base + sep) ? file : null;
}

/** The renderer's content security policy, also sent as a header by the app:// handler. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The content type the renderer's files are served with (the app and the e2e server alike). */
export const contentTypeOf = (file: string): string =>
  contentTypes[extname(file)] ?? 'application/octet-stream';
