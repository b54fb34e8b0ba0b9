import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Intervention, InterventionStatus } from '../../../contract';
import { interventionStatuses } from '../../../contract/domains/records-behaviour';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { useFormat } from '../i18n/format';
import { OutcomeDialog } from '../profile/intervention-dialogs';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { localToday } from '../register/local-today';

const isStatus = (s: string | null): s is InterventionStatus =>
  s !== null && (interventionStatuses as readonly string[]).includes(s);

/**
 * The interventions log by owner and review date (filters in the address), each with its
 * outcome recorded in place.
 */
export function InterventionsPage() {
  const { t } = useTranslation('interventions');
  const { t: tp } = useTranslation('profile');
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const dueBy = params.get('due') ?? '';
  const query = {
    ...(params.get('mine') === '1' ? { mine: true } : {}),
    ...(isStatus(status) ? { status } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(dueBy) ? { dueBy } : {}),
  };
  const log = useRequest('interventionLog', query);
  const [open, setOpen] = useState<Intervention | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ids = { mine: useId(), status: useId(), due: useId() };
  const today = localToday();
  const set = (key: string, value: string | null) => {
    setNotice(null);
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <Page heading={t('title')} lead={t('lead')} busy={log.isFetching}>
      <div className="field-row">
        <div className="field student-archived">
          <input
            id={ids.mine}
            type="checkbox"
            checked={query.mine === true}
            onChange={(e) => set('mine', e.target.checked ? '1' : null)}
          />
          <label htmlFor={ids.mine}>{t('mine')}</label>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('status')}</label>
          <select
            id={ids.status}
            value={query.status ?? ''}
            onChange={(e) => set('status', e.target.value)}
          >
            <option value="">{t('any')}</option>
            {interventionStatuses.map((s) => (
              <option key={s} value={s}>
                {tp(`interventionStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.due}>{t('dueBy')}</label>
          <input
            id={ids.due}
            type="date"
            value={dueBy}
            onChange={(e) => set('due', e.target.value)}
          />
        </div>
      </div>
      <p role="status">
        {notice ? `${notice} ` : ''}
        {log.data ? t('count', { count: log.data.length, n: format.number(log.data.length) }) : ''}
      </p>
      {log.isPending ? null : log.isError ? (
        <ErrorNotice failure={failureOf(log.error)} title={t('readFailed')} />
      ) : log.data.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('student')}</th>
              <th scope="col">{tp('type')}</th>
              <th scope="col">{tp('owner')}</th>
              <th scope="col">{tp('due')}</th>
              <th scope="col">{tp('status')}</th>
              <th scope="col">{tp('outcome')}</th>
              <th scope="col" className="no-print">
                <span className="visually-hidden">{tp('recordOutcome')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((i) => {
              const late =
                i.reviewDate !== null &&
                i.reviewDate < today &&
                (i.status === 'planned' || i.status === 'active');
              return (
                <tr key={i.id}>
                  <th scope="row">
                    <Link to={`/students/${i.studentId}`}>{i.studentName}</Link>
                  </th>
                  <td>{i.type}</td>
                  <td>{i.ownerName ?? ''}</td>
                  <td>
                    {i.reviewDate ? format.date(i.reviewDate) : ''}
                    {late && <strong>{` (${t('overdue')})`}</strong>}
                  </td>
                  <td>{tp(`interventionStatus.${i.status}`)}</td>
                  <td>{i.outcomeNote ?? ''}</td>
                  <td className="no-print">
                    <button
                      type="button"
                      aria-label={tp('recordOutcomeFor', { type: `${i.type} (${i.studentName})` })}
                      onClick={() => setOpen(i)}
                    >
                      {tp('recordOutcome')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {open && (
        <OutcomeDialog
          intervention={open}
          onDone={(message) => {
            setOpen(null);
            if (message) setNotice(message);
          }}
        />
      )}
    </Page>
  );
}
