import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** page-api.ts bundled into one classic script for `page.addInitScript`; built once per worker. */
export function pageApiScript(): string {
  if (cached === undefined) {
    const result = buildSync({
      entryPoints: [fileURLToPath(new URL('./page-api.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome140',
      write: false,
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild produced no page API script');
    cached = output.text;
  }
  return cached;
}
