import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, NavLink, useLocation } from 'react-router';
import type { AppRoute } from '../routes';
import { screenTitle } from './route-view';

interface Props {
  label: string;
  /** A first link above the screens (the administration overview), when there is one. */
  overview?: { path: string; label: string } | undefined;
  routes: readonly AppRoute[];
}

/**
 * A disclosure in the main navigation: a button that shows or hides a list of links. Enter or
 * Space opens it, Tab walks its links, Escape closes it and gives focus back to the button; it
 * closes when a link is followed, when focus or a click goes elsewhere. The button is marked
 * when the open screen is one of its links, so the header still says where you are.
 */
export function NavMenu({ label, overview, routes }: Props) {
  const { t: tc } = useTranslation();
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLLIElement>(null);
  const { pathname } = useLocation();
  const paths = [...routes.map((r) => r.path), ...(overview ? [overview.path] : [])];
  const here = paths.some((path) => matchPath({ path, end: true }, pathname) !== null);

  // Open at one address only: any navigation (a link, Back) closes it.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const setOpen = (next: boolean) => setOpenAt(next ? pathname : null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpenAt(null);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  return (
    <li
      ref={wrapper}
      className="nav-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (open && !wrapper.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        className={here ? 'nav-menu-button current' : 'nav-menu-button'}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      <ul id={listId} aria-label={label} className="nav-menu-list" hidden={!open}>
        {overview && (
          <li className="nav-menu-overview">
            <NavLink to={overview.path} end onClick={() => setOpen(false)}>
              {overview.label}
            </NavLink>
          </li>
        )}
        {routes.map((r) => (
          <li key={r.path}>
            <NavLink to={r.path} end onClick={() => setOpen(false)}>
              {screenTitle(tc, r.ns)}
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}
