import { requests } from '../../../contract';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/trusted-url';
import { expect, test } from '../fixtures';

test('the CSP blocks an injected inline script', async ({ page, allowConsoleError }) => {
  allowConsoleError(/Content Security Policy/);
  const violation = await page.evaluate(
    () =>
      new Promise<{ directive: string; blocked: string }>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => resolve({ directive: e.effectiveDirective, blocked: e.blockedURI }),
          { once: true },
        );
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true;';
        document.body.append(script);
      }),
  );
  expect(violation).toEqual({ directive: 'script-src-elem', blocked: 'inline' });
  expect(
    await page.evaluate(() => (window as { __injected?: unknown }).__injected),
  ).toBeUndefined();
});

test('the CSP blocks inline handlers, string timers and inline styles', async ({
  page,
  allowConsoleError,
}) => {
  allowConsoleError(/Content Security Policy/);
  const directives = await page.evaluate(async () => {
    // Each violation is reported once per policy (the meta tag and the response header).
    const seen = new Set<string>();
    const violations = new Promise<void>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.add(e.effectiveDirective);
        if (seen.size === 3) resolve();
      });
    });
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.__injected = "handler"');
    document.body.append(button);
    button.click();
    // A string timer is eval: it runs as page code, outside this DevTools-driven call.
    (setTimeout as (code: string, ms: number) => number)('window.__injected = "timer"', 0);
    const style = document.createElement('style');
    style.textContent = 'body { display: none; }';
    document.head.append(style);
    await violations;
    return [...seen].sort();
  });
  expect(directives).toEqual(['script-src', 'script-src-attr', 'style-src-elem']);
  expect(
    await page.evaluate(() => (window as { __injected?: unknown }).__injected),
  ).toBeUndefined();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('window.beacon is exactly the contract and nothing else', async ({ page }) => {
  const surface = await page.evaluate(() => ({
    keys: Object.keys(window.beacon).sort(),
    types: Object.values(window.beacon).map((v) => typeof v),
    node: ['require', 'process', 'module', 'Buffer', 'ipcRenderer', 'electron'].filter(
      (name) => name in window,
    ),
  }));
  expect(surface.keys).toEqual([...Object.keys(requests), 'on'].sort());
  expect(new Set(surface.types)).toEqual(new Set(['function']));
  expect(surface.node).toEqual([]);
});

test('requests cross the boundary as data, including failures', async ({ page }) => {
  const answers = await page.evaluate(async () => {
    const unchecked = { name: 'X', extra: 1 } as { name: string };
    return {
      health: await window.beacon.health({}),
      bad: await window.beacon.saveSchoolProfile(unchecked),
    };
  });
  expect(answers.health).toMatchObject({ ok: true, value: { journalMode: 'wal' } });
  expect(answers.bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

test("the page's CSP meta tag matches the policy the app sends as a header", async ({ page }) => {
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  // frame-ancestors works only in a header, so the meta tag leaves it out.
  const header = CONTENT_SECURITY_POLICY.split('; ').filter(
    (d) => !d.startsWith('frame-ancestors'),
  );
  expect(meta?.split(/;\s*/)).toEqual(header);
});
