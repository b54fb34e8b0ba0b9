/**
 * Debian's Chromium as the e2e tests and the UI benchmarks launch it: never a downloaded
 * browser, headless, and nothing in it reaching the network on its own.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.BEACON_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
