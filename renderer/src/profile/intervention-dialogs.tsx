import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Intervention, InterventionStatus } from '../../../contract';
import { interventionStatuses } from '../../../contract/domains/records-behaviour';
import { ErrorNotice } from '../components/error-notice';
import { failureOf } from '../query/ask';
import { useAction } from '../query/use-request';
import { localToday } from '../register/local-today';
import { useSession } from '../session';
import { Modal } from '../students/modal';
import type { FactorArea } from './risk-section';

/** `iso` plus `days` days, on the calendar. */
function later(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A new intervention answering one risk factor, filled in so that saving is the second click:
 * a type for the factor's area, the reader as owner, today's start and a review in two weeks.
 */
export function NewInterventionDialog(props: {
  studentId: string;
  name: string;
  factor: string;
  area: FactorArea;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const today = localToday();
  const [type, setType] = useState<string>(() => t(`suggestedType.${props.area}`));
  const [owner, setOwner] = useState(user.id ?? '');
  const [start, setStart] = useState(today);
  const [review, setReview] = useState(later(today, 14));
  const create = useAction('createIntervention');
  const ids = { type: useId(), owner: useId(), start: useId(), review: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        studentId: props.studentId,
        type,
        ownerId: owner || null,
        startDate: start,
        reviewDate: review || null,
        status: 'planned',
      },
      { onSuccess: () => props.onDone(t('form.saved')) },
    );
  };
  return (
    <Modal title={t('form.newTitle', { name: props.name })} onClose={() => props.onDone(null)}>
      <p>{t('form.answers', { factor: props.factor })}</p>
      <form onSubmit={submit} aria-label={t('form.newTitle', { name: props.name })}>
        <div className="field">
          <label htmlFor={ids.type}>{t('form.type')}</label>
          <input
            id={ids.type}
            required
            maxLength={80}
            value={type}
            onChange={(e) => setType(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.owner}>{t('form.owner')}</label>
          <select id={ids.owner} value={owner} onChange={(e) => setOwner(e.target.value)}>
            {user.id && <option value={user.id}>{user.displayName}</option>}
            <option value="">{t('form.nobody')}</option>
          </select>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.start}>{t('form.start')}</label>
            <input
              id={ids.start}
              type="date"
              required
              value={start}
              onChange={(e) => setStart(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.review}>{t('form.review')}</label>
            <input
              id={ids.review}
              type="date"
              value={review}
              onChange={(e) => setReview(e.target.value)}
            />
          </div>
        </div>
        {create.isError && (
          <ErrorNotice failure={failureOf(create.error)} title={t('form.failed')} />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending} autoFocus>
            {t('form.save')}
          </button>
          <button type="button" onClick={() => props.onDone(null)}>
            {tc('cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Records how an intervention went: its status and a note of what happened. */
export function OutcomeDialog(props: {
  intervention: Intervention;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const { intervention } = props;
  const [status, setStatus] = useState<InterventionStatus>(
    intervention.status === 'planned' ? 'completed' : intervention.status,
  );
  const [note, setNote] = useState(intervention.outcomeNote ?? '');
  const edit = useAction('editIntervention');
  const ids = { status: useId(), note: useId() };
  const title = t('form.outcomeTitle', { type: intervention.type });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    edit.mutate(
      { interventionId: intervention.id, status, outcomeNote: note.trim() || null },
      { onSuccess: () => props.onDone(t('form.outcomeSaved')) },
    );
  };
  return (
    <Modal title={title} onClose={() => props.onDone(null)}>
      <form onSubmit={submit} aria-label={title}>
        <div className="field">
          <label htmlFor={ids.status}>{t('form.outcomeStatus')}</label>
          <select
            id={ids.status}
            value={status}
            onChange={(e) => setStatus(e.target.value as InterventionStatus)}
          >
            {interventionStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`interventionStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>{t('form.outcomeNote')}</label>
          <textarea
            id={ids.note}
            maxLength={2000}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {edit.isError && <ErrorNotice failure={failureOf(edit.error)} title={t('form.failed')} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={edit.isPending}>
            {t('form.saveOutcome')}
          </button>
          <button type="button" onClick={() => props.onDone(null)}>
            {tc('cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
