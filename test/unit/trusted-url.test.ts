import { describe, expect, it } from 'vitest';
import { contentTypeOf, isTrustedUrl, resolveAppFile } from '../../main/electron/trusted-url';

describe('isTrustedUrl', () => {
  it('trusts only the app origin', () => {
    expect(isTrustedUrl('app://beacon/index.html')).toBe(true);
    expect(isTrustedUrl('app://beacon/#/health')).toBe(true);
  });

  it.each([
    'https://example.org/',
    'http://beacon/index.html',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://user@beacon/index.html',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isTrustedUrl(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isTrustedUrl(undefined)).toBe(false);
    expect(isTrustedUrl({ href: 'app://beacon/' })).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = '/srv/renderer';
  it('maps app paths into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://beacon/index.html')).toBe('/srv/renderer/index.html');
    expect(resolveAppFile(root, 'app://beacon/')).toBe('/srv/renderer/index.html');
    expect(resolveAppFile(root, 'app://beacon/assets/a.js?x=1')).toBe('/srv/renderer/assets/a.js');
  });

  it.each([
    'app://beacon/../secret',
    'app://beacon/%2e%2e/%2e%2e/etc/passwd',
    'app://beacon/assets/..%2f..%2f..%2fetc',
  ])('never leaves the renderer folder for %s', (url) => {
    expect(resolveAppFile(root, url)?.startsWith('/srv/renderer/')).toBe(true);
  });

  it.each(['app://beacon/a%00b', 'app://beacon/%E0%A4%A', 'https://beacon/index.html'])(
    'refuses %s',
    (url) => {
      expect(resolveAppFile(root, url)).toBeNull();
    },
  );
});

describe('contentTypeOf', () => {
  it('names the renderer file types, and falls back to bytes', () => {
    expect(contentTypeOf('/srv/renderer/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/srv/renderer/assets/a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/srv/renderer/assets/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/srv/renderer/data.bin')).toBe('application/octet-stream');
  });
});
