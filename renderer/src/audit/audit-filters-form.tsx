import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActions, type AuditAction } from '../../../contract/domains/audit';
import { useRequest } from '../query/use-request';
import { useSession } from '../session';

/** The filters listing and export share; absent means no filter. */
export interface AuditFilters {
  entity?: string;
  action?: AuditAction;
  userId?: string;
  from?: string;
  to?: string;
}

/** Tables worth offering; any other name can still be typed. */
const knownTables = [
  'students',
  'attendance',
  'marks',
  'assessments',
  'incidents',
  'interventions',
  'classes',
  'enrolments',
  'terms',
  'school_calendar',
  'users',
  'schools',
  'settings',
  'audit_log',
];

interface Props {
  initial: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

/** Filters by table, action, person (administrators, who may list accounts) and days. */
export function AuditFiltersForm({ initial, onApply }: Props) {
  const { t } = useTranslation('audit');
  const { user } = useSession();
  const id = useId();
  const [entity, setEntity] = useState(initial.entity ?? '');
  const [action, setAction] = useState(initial.action ?? '');
  const [userId, setUserId] = useState(initial.userId ?? '');
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  // Only administrators may list accounts; head teachers filter by everything else.
  const users = useRequest('listUsers', {}, { enabled: user.role === 'admin' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({
      ...(entity.trim() ? { entity: entity.trim() } : {}),
      ...(action ? { action: action as AuditAction } : {}),
      ...(userId ? { userId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  }

  function clear() {
    setEntity('');
    setAction('');
    setUserId('');
    setFrom('');
    setTo('');
    onApply({});
  }

  return (
    <form aria-label={t('filters')} noValidate onSubmit={submit} className="filters">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-entity`}>{t('filter.entity')}</label>
          <input
            id={`${id}-entity`}
            value={entity}
            list={`${id}-tables`}
            placeholder={t('filter.anyEntity')}
            onChange={(e) => setEntity(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
          <datalist id={`${id}-tables`}>
            {knownTables.map((table) => (
              <option key={table} value={table} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('filter.action')}</label>
          <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('filter.anyAction')}</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {t(`action.${a}`)}
              </option>
            ))}
          </select>
        </div>
        {users.data && (
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('filter.user')}</label>
            <select id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('filter.anyUser')}</option>
              {users.data.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('filter.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('filter.to')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('filter.apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('filter.clear')}
        </button>
      </div>
    </form>
  );
}
