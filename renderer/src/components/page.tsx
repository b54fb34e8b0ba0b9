import { useId, type ReactNode } from 'react';

interface PageProps {
  /** The page's one h1; the shell focuses it after each navigation. */
  heading: ReactNode;
  /** Buttons beside the heading (refresh, print, add). */
  actions?: ReactNode;
  /** True while the page's data is loading or reloading. */
  busy?: boolean;
  /** Shown under the heading, e.g. what the page is for. */
  lead?: ReactNode;
  /** Uses the window's whole width, for tables with many columns (the District screen). */
  wide?: boolean;
  children: ReactNode;
}

/** Every screen's layout: a labelled section with its heading, actions and content. */
export function Page({ heading, actions, busy, lead, wide, children }: PageProps) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      aria-busy={busy || undefined}
      className={wide ? 'page page-wide' : 'page'}
    >
      <div className="page-heading">
        <h1 id={id} tabIndex={-1}>
          {heading}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {lead && <p className="muted page-lead">{lead}</p>}
      {children}
    </section>
  );
}
