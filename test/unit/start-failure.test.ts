import { describe, expect, it } from 'vitest';
import { reasonOf, startFailureLine } from '../../scripts/electron/start-failure';

// Outputs as the tools print them (trimmed): electron's install.js, prebuild-install, node-gyp.
const electronOffline = [
  'TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:14976:13',
  '    at async FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:46:30)',
].join('\n');
const prebuildOffline = 'prebuild-install warn install getaddrinfo ENOTFOUND github.com';
const gypOffline = [
  'gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz',
  'gyp WARN install got an error, rolling back install',
  'gyp ERR! configure error',
  'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
  'gyp ERR! stack Error: getaddrinfo EAI_AGAIN electronjs.org',
  'gyp ERR! not ok',
].join('\n');
const gypBroken = [
  'gyp ERR! build error',
  'gyp ERR! stack Error: `make` failed with exit code: 2',
  'gyp ERR! stack     at ChildProcess.<anonymous> (/x/node-gyp/lib/build.js:219:23)',
  'gyp ERR! System Linux 6.1.0',
  'gyp ERR! not ok',
].join('\n');

describe('the line npm start ends with', () => {
  it('names the network as the cause, with the error, and says what to do', () => {
    expect(startFailureLine('Electron 45.5.0', electronOffline)).toBe(
      'Beacon cannot start: Electron 45.5.0 could not be downloaded (no internet connection: ' +
        'fetch failed). Connect to the internet and run `npm start` again; `npm test` and the ' +
        'beacon CLI work offline.',
    );
    expect(reasonOf(`${prebuildOffline}\n${gypOffline}`)).toBe('getaddrinfo ENOTFOUND github.com');
    expect(reasonOf(gypOffline)).toBe('getaddrinfo EAI_AGAIN electronjs.org');
  });

  it('tells a broken build from a missing network', () => {
    const line = startFailureLine('better-sqlite3 for Electron 45.5.0', gypBroken);
    expect(line).toBe(
      'Beacon cannot start: better-sqlite3 for Electron 45.5.0 could not be installed ' +
        '(`make` failed with exit code: 2). Fix the cause above and run `npm start` again.',
    );
  });

  it('is always one line, however long the output', () => {
    const line = startFailureLine('Electron', `${'x'.repeat(5000)}\nError: ${'y'.repeat(5000)}`);
    expect(line).not.toContain('\n');
    expect(line.length).toBeLessThan(400);
  });
});
