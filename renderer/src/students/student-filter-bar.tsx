import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { riskTiers, studentIndicators } from '../../../contract/domains/views-students';
import { studentStatuses } from '../../../contract/domains/records-students';
import { useRequest } from '../query/use-request';

const grades = Array.from({ length: 14 }, (_, i) => i);
/** How long typing pauses before the list is asked again: one request per word, not per key. */
const searchPause = 250;

interface Props {
  params: URLSearchParams;
  onChange(changes: Record<string, string | null>): void;
}

/** The Students filters, each a labelled control bound to one address parameter. */
export function StudentFilterBar({ params, onChange }: Props) {
  const { t } = useTranslation('students');
  const { t: tc } = useTranslation();
  const classes = useRequest('listClasses', {});
  const searchId = useId();
  const archivedId = useId();
  const addressSearch = params.get('q') ?? '';
  const [search, setSearch] = useState(addressSearch);
  // A search that reaches the address from elsewhere (a link, the address bar, back) replaces
  // what the box holds, so the box never writes its older words over it.
  const [seen, setSeen] = useState(addressSearch);
  if (addressSearch !== seen) {
    setSeen(addressSearch);
    if (addressSearch !== search.trim()) setSearch(addressSearch);
  }
  useEffect(() => {
    if (search.trim() === addressSearch) return;
    const timer = setTimeout(() => onChange({ q: search.trim() || null }), searchPause);
    return () => clearTimeout(timer);
  }, [search, addressSearch, onChange]);

  const choices: [key: string, label: string, options: [string, string][]][] = [
    ['class', t('class'), (classes.data ?? []).map((c) => [c.id, c.name])],
    ['grade', t('grade'), grades.map((g) => [String(g), t('gradeValue', { grade: g })])],
    ['tier', t('tier'), riskTiers.map((tier) => [tier, tc(`tier.${tier}`)])],
    ['indicator', t('indicator'), studentIndicators.map((i) => [i, t(`indicatorName.${i}`)])],
    ['status', t('status'), studentStatuses.map((st) => [st, t(`statusName.${st}`)])],
  ];

  return (
    <fieldset className="student-filters">
      <legend>{t('filters')}</legend>
      <div className="field">
        <label htmlFor={searchId}>{t('search')}</label>
        <input
          id={searchId}
          type="search"
          autoComplete="off"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {choices.map(([key, label, options]) => (
        <Choice
          key={key}
          label={label}
          value={params.get(key) ?? ''}
          onChange={(v) => onChange({ [key]: v || null })}
        >
          <option value="">{t('any')}</option>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </Choice>
      ))}
      <div className="field check-field">
        <input
          id={archivedId}
          type="checkbox"
          checked={params.get('archived') === '1'}
          onChange={(e) => onChange({ archived: e.target.checked ? '1' : null })}
        />
        <label htmlFor={archivedId}>{t('includeArchived')}</label>
      </div>
    </fieldset>
  );
}

function Choice(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.children}
      </select>
    </div>
  );
}
