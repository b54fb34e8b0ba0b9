// `npm start`'s first step: makes sure Electron's binary and better-sqlite3 built for Electron are
// here, fetching or building what is missing. A failure ends in one line saying what and why.
// Usage: tsx scripts/prepare-electron.ts [--binding-only] [--native-root DIR]
//   --binding-only  only the SQLite binding (release builds: electron-builder brings Electron)
//   --native-root   where native/ goes (default: the project folder)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectron, electronInstalled, electronVersionIn } from './electron/electron-binary';
import { ensureElectronBinding } from './electron/sqlite-binding';
import { startFailureLine } from './electron/start-failure';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const rootFlag = args.indexOf('--native-root');
const nativeRoot = rootFlag >= 0 ? path.resolve(args[rootFlag + 1] ?? '') : projectDir;
const electronDir = path.join(projectDir, 'node_modules', 'electron');
const electronVersion = electronVersionIn(electronDir);

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

if (!args.includes('--binding-only') && !electronInstalled(electronDir)) {
  console.log(`Downloading Electron ${electronVersion}...`);
  const download = downloadElectron(electronDir, process.env);
  if (!download.ok) fail(startFailureLine(`Electron ${electronVersion}`, download.output));
}

try {
  const outcome = ensureElectronBinding(
    { nativeRoot, electronVersion, platform: process.platform, arch: process.arch },
    process.env,
    (line) => console.log(line),
  );
  if (!outcome.ok) {
    fail(startFailureLine(`better-sqlite3 for Electron ${electronVersion}`, outcome.output));
  }
  if (outcome.how !== 'present') {
    console.log(`better-sqlite3 for Electron ${electronVersion}: ${outcome.how}.`);
  }
} catch (err) {
  fail(startFailureLine(`better-sqlite3 for Electron ${electronVersion}`, String(err)));
}
