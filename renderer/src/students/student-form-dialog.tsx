import { useTranslation } from 'react-i18next';
import type { StudentTableRow } from '../../../contract';
import { newStudentInput, sexes } from '../../../contract/domains/records-students';
import { ErrorNotice } from '../components/error-notice';
import { FormField } from '../components/form-field';
import { fieldMessage } from '../forms/field-message';
import { applyFieldErrors, useContractForm } from '../forms/use-contract-form';
import { failureOf } from '../query/ask';
import { useAction, useRequest } from '../query/use-request';
import { Modal } from './modal';

type Field =
  'studentNumber' | 'firstName' | 'lastName' | 'sex' | 'dateOfBirth' | 'gradeLevel' | 'entryDate';

const emptyAsNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const gradeValue = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
const grades = Array.from({ length: 14 }, (_, i) => i);

/**
 * Adds a student, or edits one (`student`), checked as you go by the contract's own schema;
 * problems the backend finds (a number already taken) land under their field.
 */
export function StudentFormDialog({
  student,
  onDone,
}: {
  student: StudentTableRow | null;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('students');
  const { t: tc } = useTranslation();
  const { t: tf } = useTranslation('fields');
  const existing = useRequest(
    'getStudent',
    { studentId: student?.id ?? '' },
    { enabled: student !== null },
  );
  const create = useAction('createStudent');
  const edit = useAction('editStudent');
  const failed = create.error ?? edit.error;
  const detail = existing.data;
  const form = useContractForm(newStudentInput, {
    values: detail
      ? {
          studentNumber: detail.studentNumber,
          firstName: detail.firstName,
          lastName: detail.lastName,
          sex: detail.sex,
          dateOfBirth: detail.dateOfBirth,
          gradeLevel: detail.gradeLevel,
          entryDate: detail.entryDate,
        }
      : undefined,
  });
  const labels: Record<Field, string> = {
    studentNumber: t('form.studentNumber'),
    firstName: t('form.firstName'),
    lastName: t('form.lastName'),
    sex: t('form.sex'),
    dateOfBirth: t('form.dateOfBirth'),
    gradeLevel: t('form.gradeLevel'),
    entryDate: t('form.entryDate'),
  };
  const error = (field: Field) => {
    const message = form.formState.errors[field]?.message;
    return typeof message === 'string' ? fieldMessage(labels[field], message, tf) : undefined;
  };
  const name = student ? `${student.firstName} ${student.lastName}` : '';

  const submit = form.handleSubmit((values) => {
    const done = (saved: { firstName: string; lastName: string }) =>
      onDone(t('form.saved', { name: `${saved.firstName} ${saved.lastName}` }));
    const refused = (e: unknown) => applyFieldErrors(form.setError, failureOf(e));
    if (student) {
      edit.mutate({ studentId: student.id, ...values }, { onSuccess: done, onError: refused });
    } else {
      create.mutate(values, { onSuccess: done, onError: refused });
    }
  });

  const text = (field: 'studentNumber' | 'firstName' | 'lastName') => (
    <FormField name={field} label={labels[field]} error={error(field)} required>
      {(p) => <input {...p} autoComplete="off" {...form.register(field)} />}
    </FormField>
  );
  const date = (field: 'dateOfBirth' | 'entryDate') => (
    <FormField name={field} label={labels[field]} error={error(field)}>
      {(p) => <input {...p} type="date" {...form.register(field, { setValueAs: emptyAsNull })} />}
    </FormField>
  );

  const sexControl = form.register('sex', { setValueAs: emptyAsNull });
  const gradeControl = form.register('gradeLevel', { setValueAs: gradeValue });
  const birth = date('dateOfBirth');
  const entry = date('entryDate');

  return (
    <Modal
      title={student ? t('form.editTitle', { name }) : t('form.addTitle')}
      onClose={() => onDone(null)}
    >
      {student && existing.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : (
        <form onSubmit={submit} noValidate aria-label={student ? name : t('form.addTitle')}>
          <p className="hint">{tc('required')}</p>
          {text('studentNumber')}
          <div className="field-row">
            {text('firstName')}
            {text('lastName')}
          </div>
          <div className="field-row">
            <FormField name="sex" label={labels.sex} error={error('sex')}>
              {(p) => (
                <select {...p} {...sexControl}>
                  <option value="">{t('form.notGiven')}</option>
                  {sexes.map((s) => (
                    <option key={s} value={s}>
                      {t(`form.sexName.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField name="gradeLevel" label={labels.gradeLevel} error={error('gradeLevel')}>
              {(p) => (
                <select {...p} {...gradeControl}>
                  <option value="">{t('form.notGiven')}</option>
                  {grades.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          <div className="field-row">
            {birth}
            {entry}
          </div>
          {failed && (
            <ErrorNotice failure={failureOf(failed)} title={t('form.failed')} labels={labels} />
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending || edit.isPending}>
              {t('form.save')}
            </button>
            <button type="button" onClick={() => onDone(null)}>
              {tc('cancel')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
