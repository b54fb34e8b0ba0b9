import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { failureOf } from '../query/ask';
import { ErrorNotice } from './error-notice';

/** A labelled drop-down filter whose first choice ("any") removes it. */
export function FilterSelect(props: {
  label: string;
  value: string;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.anyLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Props<T> {
  /** The filter controls, shown in a row above the log. */
  filters: ReactNode;
  /** A live line between the filters and the log (a count, what was just saved). */
  status?: ReactNode;
  log: UseQueryResult<T[], unknown>;
  words: { caption: string; empty: string; readFailed: string };
  headers: readonly { label: ReactNode; className?: string }[];
  /** One `<tr>` of the table. */
  row: (item: T) => ReactNode;
}

/** A log (behaviour, interventions): its filters, then the rows, or why there are none. */
export function FilteredLog<T>({ filters, status, log, words, headers, row }: Props<T>) {
  return (
    <>
      <div className="filter-row">{filters}</div>
      {status}
      {log.isPending ? null : log.isError ? (
        <ErrorNotice failure={failureOf(log.error)} title={words.readFailed} />
      ) : log.data.length === 0 ? (
        <p>{words.empty}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{words.caption}</caption>
          <thead>
            <tr>
              {headers.map((h, i) => (
                <th key={i} scope="col" className={h.className}>
                  {h.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{log.data.map(row)}</tbody>
        </table>
      )}
    </>
  );
}
