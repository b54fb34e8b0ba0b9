import type { MenuItemConstructorOptions } from 'electron';

/** What the window and menu allow: a packaged app is locked down, development is not. */
export interface ShellPolicy {
  /** webPreferences.devTools: false also disables DevTools' keyboard shortcuts. */
  devTools: boolean;
  /** The application menu that replaces Electron's default (which offers DevTools and reload). */
  menu: MenuItemConstructorOptions[];
}

/** Roles that inspect or reload the page: for developers only. */
export const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload'] as const;

/**
 * The shell's policy for a build. Packaged: no DevTools, and a menu of the app's own with no
 * developer role in it (Electron's default `viewMenu` role would bring them back, so the View
 * menu is spelled out). Development keeps DevTools and reload, in the same menu.
 */
export function shellPolicy(options: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
}): ShellPolicy {
  const developer = !options.isPackaged;
  const mac = options.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(developer
      ? ([
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const menu: MenuItemConstructorOptions[] = [
    ...(mac ? ([{ role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    // The edit roles give text fields the clipboard shortcuts (on macOS only through the menu).
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
  return { devTools: developer, menu };
}

/** Every role in a menu template, however deeply nested. */
export function rolesIn(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => {
    const own = item.role === undefined ? [] : [item.role];
    const sub = Array.isArray(item.submenu) ? rolesIn(item.submenu) : [];
    return [...own, ...sub];
  });
}
