import { readFileSync } from 'node:fs';

/** The app's version, injected by the build; read from package.json when run from source. */
declare const __BEACON_VERSION__: string | undefined;

export function appVersion(): string {
  if (typeof __BEACON_VERSION__ === 'string') return __BEACON_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
