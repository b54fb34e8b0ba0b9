import { useSyncExternalStore, type AnchorHTMLAttributes } from 'react';

/** The route in a location hash: `#/health` is `/health`; an empty or odd hash is `/`. */
export function routeOf(hash: string): string {
  const path = hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current route; re-renders the caller whenever the hash changes. */
export function useRoute(): string {
  return useSyncExternalStore(subscribe, () => routeOf(window.location.hash));
}

type LinkProps = { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>;

/** A plain anchor to a route, marked `aria-current="page"` while that route is shown. */
export function Link({ to, ...rest }: LinkProps) {
  const route = useRoute();
  return <a href={`#${to}`} aria-current={route === to ? 'page' : undefined} {...rest} />;
}
