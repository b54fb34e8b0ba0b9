import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../../../main/electron/trusted-url';

/** Where the built renderer lives (`npm run build:web`). */
export const rendererRoot = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

/** The origin the tests serve the renderer from; nothing on it exists outside the tests. */
export const testOrigin = 'http://beacon.test';
export const entryUrl = `${testOrigin}/index.html`;

/** The file under the renderer folder a URL names, or null when it points anywhere else. */
export function rendererFile(url: string): string | null {
  try {
    const { origin, pathname } = new URL(url);
    if (origin !== testOrigin) return null;
    const file = resolve(rendererRoot, `.${decodeURIComponent(pathname)}`);
    return file.startsWith(rendererRoot + sep) ? file : null;
  } catch {
    return null; // a malformed URL or escape
  }
}

/**
 * Serves `out/renderer` on the test origin with the CSP header the Electron app sends, and aborts every other
 * request: the renderer must never reach the network (an aborted load logs a console error).
 */
export async function serveRenderer(page: Page): Promise<void> {
  if (!existsSync(resolve(rendererRoot, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererRoot}: run "npm run build:web" first.`);
  }
  await page.route('**/*', (route) => route.abort('blockedbyclient'));
  await page.route(`${testOrigin}/**`, async (route) => {
    const file = rendererFile(route.request().url());
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!file || !body) return route.fulfill({ status: 404, body: 'Not found' });
    return route.fulfill({
      status: 200,
      body,
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
