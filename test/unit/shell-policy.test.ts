import { describe, expect, it } from 'vitest';
import { backendEnvironment } from '../../main/electron/backend-environment';
import { DEVELOPER_ROLES, rolesIn, shellPolicy } from '../../main/electron/shell-policy';

const platforms = ['win32', 'darwin', 'linux'] as const;

describe('shellPolicy', () => {
  it.each(platforms)(
    'a packaged app on %s has no DevTools and no developer menu item',
    (platform) => {
      const policy = shellPolicy({ isPackaged: true, platform });
      expect(policy.devTools).toBe(false);
      const roles = rolesIn(policy.menu);
      for (const role of DEVELOPER_ROLES) expect(roles).not.toContain(role);
      // Electron's default View menu carries DevTools: it must never be used whole.
      expect(roles).not.toContain('viewMenu');
      expect(roles).not.toContain('viewmenu');
    },
  );

  it.each(platforms)('the packaged menu on %s still quits, edits text and zooms', (platform) => {
    const roles = rolesIn(shellPolicy({ isPackaged: true, platform }).menu);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'resetZoom', 'about']));
    expect(roles).toContain(platform === 'darwin' ? 'appMenu' : 'quit');
  });

  it('development keeps DevTools and reload', () => {
    const policy = shellPolicy({ isPackaged: false, platform: 'linux' });
    expect(policy.devTools).toBe(true);
    expect(rolesIn(policy.menu)).toEqual(expect.arrayContaining([...DEVELOPER_ROLES]));
  });
});

describe('backendEnvironment', () => {
  const location = { appPath: '/src/beacon', resourcesPath: '/opt/Beacon/resources' };

  it('points the packaged backend at resources/, where the installer put native/', () => {
    const env = backendEnvironment({ ...location, isPackaged: true }, { PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin', BEACON_NATIVE_ROOT: '/opt/Beacon/resources' });
  });

  it('points the development backend at the project folder, where npm start put native/', () => {
    const env = backendEnvironment({ ...location, isPackaged: false }, {});
    expect(env.BEACON_NATIVE_ROOT).toBe('/src/beacon');
  });
});
