import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassInfo, StudentSummary } from '../../../contract';
import { useRequest } from '../query/use-request';

interface Props {
  classInfo: ClassInfo;
  disabled: boolean;
  onEnrol: (student: StudentSummary) => void;
}

/** Finds students by name or number (the backend searches) and offers to enrol each one. */
export function EnrolSearch({ classInfo, disabled, onEnrol }: Props) {
  const { t } = useTranslation('classes');
  const id = useId();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const found = useRequest(
    'listStudents',
    { search: search ?? '', limit: 20 },
    { enabled: search !== null && search.length > 0 },
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(typed.trim());
  }

  return (
    <div>
      <h3>{t('roster.enrolHeading')}</h3>
      <form
        aria-label={t('roster.enrolHeading')}
        noValidate
        onSubmit={submit}
        className="inline-form"
      >
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('roster.search')}</label>
          <input
            id={`${id}-search`}
            type="search"
            value={typed}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <button type="submit">{t('roster.searchSubmit')}</button>
      </form>
      {found.data &&
        (found.data.students.length === 0 ? (
          <p>{t('roster.noResults')}</p>
        ) : (
          <table>
            <caption>{t('roster.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roster.student')}</th>
                <th scope="col">{t('roster.number')}</th>
                <th scope="col">{t('roster.current')}</th>
                <th scope="col">
                  <span className="visually-hidden">
                    {t('roster.enrol', { name: classInfo.name })}
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {found.data.students.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{`${s.firstName} ${s.lastName}`}</th>
                  <td>{s.studentNumber}</td>
                  <td>{s.currentClass?.name ?? t('roster.nowhere')}</td>
                  <td>
                    <button
                      type="button"
                      disabled={disabled || s.currentClass?.id === classInfo.id}
                      onClick={() => onEnrol(s)}
                    >
                      {t('roster.enrol', { name: classInfo.name })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
