import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** The words of one section: its heading, empty state, table caption and the new-record form's title. */
interface Words {
  heading: string;
  none: string;
  caption: string;
  create: string;
}

interface Props<T extends { id: string; name: string }> {
  /** Makes the heading's id (`<id>-heading`) unique on the page. */
  id: string;
  words: Words;
  rows: T[];
  /** The columns after the name, which heads each row. */
  columns: Column<T>[];
  /** Buttons shown before Edit in each row. */
  actions?: (row: T) => ReactNode;
  /** The form for `row` (edited in place), or for a new record when `row` is absent. */
  form: (props: {
    row?: T;
    onDone: (saved: { name: string }) => void;
    onCancel?: () => void;
  }) => ReactNode;
  onSaved: (message: string) => void;
}

/**
 * One kind of school-year record (terms, classes): a table of them, each editable in place, and
 * a form for a new one.
 */
export function RecordsSection<T extends { id: string; name: string }>(props: Props<T>) {
  const { t } = useTranslation('classes');
  const [editing, setEditing] = useState<string | null>(null);
  const headingId = `${props.id}-heading`;
  const saved = (done: { name: string }) => props.onSaved(t('saved', { name: done.name }));
  const editedRow = props.rows.find((r) => r.id === editing);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{props.words.heading}</h2>
      {props.rows.length === 0 ? (
        <p>{props.words.none}</p>
      ) : (
        <table>
          {/* The heading above already names the table on screen. */}
          <caption className="visually-hidden">{props.words.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              {props.columns.map((c) => (
                <th key={c.header} scope="col" className={c.className}>
                  {c.header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.name}</th>
                {props.columns.map((c) => (
                  <td key={c.header} className={c.className}>
                    {c.cell(row)}
                  </td>
                ))}
                <td className="row-actions">
                  {props.actions?.(row)}
                  <button
                    type="button"
                    aria-label={t('editNamed', { name: row.name })}
                    onClick={() => setEditing(row.id)}
                  >
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editedRow &&
        props.form({
          row: editedRow,
          onCancel: () => setEditing(null),
          onDone: (done) => {
            setEditing(null);
            saved(done);
          },
        })}
      <h3>{props.words.create}</h3>
      {props.form({ onDone: saved })}
    </section>
  );
}
