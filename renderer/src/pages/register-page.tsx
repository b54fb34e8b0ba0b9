import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddressParams } from '../components/use-address-params';
import type { ClassInfo } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { localToday } from '../register/local-today';
import { RegisterSheet } from '../register/register-sheet';

/**
 * The attendance register. The class and the date live in the address (`?class=…&date=…`), so
 * a register can be linked to from Home and reopened after a reload; the date is today unless
 * another is chosen, and past days are edited the same way.
 */
export function RegisterPage() {
  const { t } = useTranslation('register');
  const { t: tc } = useTranslation();
  const { params, set } = useAddressParams();
  const classes = useRequest('listClasses', {});
  const today = localToday();
  const onlyClass = classes.data?.length === 1 ? classes.data[0]?.id : undefined;
  const classId = params.get('class') ?? onlyClass ?? '';
  const date = params.get('date') ?? today;

  const choose = (name: 'class' | 'date', value: string) => set(name, value);

  return (
    <Page heading={t('title')} lead={t('lead')}>
      {classes.isError ? (
        <ErrorNotice failure={failureOf(classes.error)} title={t('classesFailed')} />
      ) : (
        <RegisterPicker
          classes={classes.data}
          classId={classId}
          date={date}
          today={today}
          onChoose={choose}
        />
      )}
      {classes.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : classes.data?.length === 0 && !classId ? (
        <p>{t('noClasses')}</p>
      ) : classId && date ? (
        <OpenRegister classId={classId} date={date} />
      ) : null}
    </Page>
  );
}

interface PickerProps {
  classes: readonly ClassInfo[] | undefined;
  classId: string;
  date: string;
  today: string;
  onChoose(name: 'class' | 'date', value: string): void;
}

function RegisterPicker({ classes, classId, date, today, onChoose }: PickerProps) {
  const { t } = useTranslation('register');
  const classField = useId();
  const dateField = useId();
  const known = classes?.some((c) => c.id === classId) ?? false;
  return (
    <div className="field-row register-picker">
      <div className="field">
        <label htmlFor={classField}>{t('classLabel')}</label>
        <select
          id={classField}
          value={known ? classId : ''}
          onChange={(e) => onChoose('class', e.target.value)}
        >
          <option value="">{t('chooseClass')}</option>
          {classes?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={dateField}>{t('dateLabel')}</label>
        <input
          id={dateField}
          type="date"
          value={date}
          max={today}
          onChange={(e) => onChoose('date', e.target.value)}
        />
      </div>
    </div>
  );
}

function OpenRegister({ classId, date }: { classId: string; date: string }) {
  const { t } = useTranslation('register');
  const { t: tc } = useTranslation();
  const register = useRequest('openRegister', { classId, date });
  if (register.isPending) return <p role="status">{tc('loading')}</p>;
  if (register.isError) {
    return <ErrorNotice failure={failureOf(register.error)} title={t('readFailed')} />;
  }
  // Keyed by class and day, so edits never carry over to another register.
  return <RegisterSheet key={`${classId}:${date}`} register={register.data} />;
}
