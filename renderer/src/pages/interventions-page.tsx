import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Intervention, InterventionStatus } from '../../../contract';
import { interventionStatuses } from '../../../contract/domains/records-behaviour';
import { FilteredLog, FilterSelect } from '../components/filtered-log';
import { useAddressParams } from '../components/use-address-params';
import { Page } from '../components/page';
import { useFormat } from '../i18n/format';
import { OutcomeDialog } from '../profile/intervention-dialogs';
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
  const [notice, setNotice] = useState<string | null>(null);
  const { params, set } = useAddressParams(() => setNotice(null));
  const status = params.get('status');
  const dueBy = params.get('due') ?? '';
  const query = {
    ...(params.get('mine') === '1' ? { mine: true } : {}),
    ...(isStatus(status) ? { status } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(dueBy) ? { dueBy } : {}),
  };
  const log = useRequest('interventionLog', query);
  const [open, setOpen] = useState<Intervention | null>(null);
  const ids = { mine: useId(), due: useId() };
  const today = localToday();

  return (
    <Page heading={t('title')} lead={t('lead')} busy={log.isFetching}>
      <FilteredLog
        filters={
          <>
            <div className="field check-field">
              <input
                id={ids.mine}
                type="checkbox"
                checked={query.mine === true}
                onChange={(e) => set('mine', e.target.checked ? '1' : null)}
              />
              <label htmlFor={ids.mine}>{t('mine')}</label>
            </div>
            <FilterSelect
              label={t('status')}
              value={query.status ?? ''}
              anyLabel={t('any')}
              options={interventionStatuses.map((s) => ({
                value: s,
                label: tp(`interventionStatus.${s}`),
              }))}
              onChange={(v) => set('status', v)}
            />
            <div className="field">
              <label htmlFor={ids.due}>{t('dueBy')}</label>
              <input
                id={ids.due}
                type="date"
                value={dueBy}
                onChange={(e) => set('due', e.target.value)}
              />
            </div>
          </>
        }
        status={
          <p role="status">
            {notice ? `${notice} ` : ''}
            {log.data
              ? t('count', { count: log.data.length, n: format.number(log.data.length) })
              : ''}
          </p>
        }
        log={log}
        words={{ caption: t('title'), empty: t('empty'), readFailed: t('readFailed') }}
        headers={[
          { label: t('student') },
          { label: tp('type') },
          { label: tp('owner') },
          { label: tp('due') },
          { label: tp('status') },
          { label: tp('outcome') },
          {
            label: <span className="visually-hidden">{tp('recordOutcome')}</span>,
            className: 'no-print',
          },
        ]}
        row={(i) => {
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
        }}
      />
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
