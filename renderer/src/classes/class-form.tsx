import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassInfo, Failure } from '../../../contract';
import { newClassInput } from '../../../contract/domains/records-classes';
import { ErrorNotice } from '../components/error-notice';
import { FormField } from '../components/form-field';
import { fieldMessage } from '../forms/field-message';
import { applyFieldErrors, useContractForm } from '../forms/use-contract-form';
import { ask, failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { useSession } from '../session';

type Field = 'schoolYear' | 'name' | 'gradeLevel' | 'teacherId';

interface Props {
  /** The class to edit; a new class in `schoolYear` when absent. */
  classInfo?: ClassInfo;
  schoolYear: string;
  onDone: (saved: ClassInfo) => void;
  onCancel?: () => void;
}

const blankToNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : v);
const toGrade = (v: unknown) => (blankToNull(v) === null ? null : Number(v));

/**
 * Adds a class or edits one, checked by the contract's class rules. Only administrators may
 * list accounts, so only they choose the class's teacher here.
 */
export function ClassForm({ classInfo, schoolYear, onDone, onCancel }: Props) {
  const { t } = useTranslation('classes');
  const { t: tf } = useTranslation('fields');
  const { user } = useSession();
  const canChooseTeacher = user.role === 'admin';
  // The teacher list is shown only once loaded, so an edit never shows "no teacher" by mistake.
  const staff = useRequest('listUsers', {}, { enabled: canChooseTeacher });
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useContractForm(newClassInput, {
    defaultValues: {
      schoolYear: classInfo?.schoolYear ?? schoolYear,
      name: classInfo?.name ?? '',
      gradeLevel: classInfo?.gradeLevel ?? null,
      teacherId: classInfo?.teacherId ?? null,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const field = {
    schoolYear: form.register('schoolYear'),
    name: form.register('name'),
    gradeLevel: form.register('gradeLevel', { setValueAs: toGrade }),
    teacherId: form.register('teacherId', { setValueAs: blankToNull }),
  };
  const labels: Record<Field, string> = {
    schoolYear: t('field.schoolYear'),
    name: t('field.name'),
    gradeLevel: t('field.gradeLevel'),
    teacherId: t('field.teacherId'),
  };
  const label = (f: Field) => labels[f];
  const error = (f: Field) => {
    const message = errors[f]?.message;
    return message ? fieldMessage(label(f), message, tf) : undefined;
  };
  const prefix = classInfo ? `class-${classInfo.id}` : 'new-class';

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const teacher = canChooseTeacher ? { teacherId: values.teacherId ?? null } : {};
    try {
      const saved = classInfo
        ? await ask('editClass', {
            classId: classInfo.id,
            name: values.name,
            gradeLevel: values.gradeLevel ?? null,
            ...teacher,
          })
        : await ask('createClass', {
            schoolYear: values.schoolYear,
            name: values.name,
            gradeLevel: values.gradeLevel ?? null,
            ...teacher,
          });
      if (!classInfo) form.reset({ ...values, name: '', gradeLevel: null, teacherId: null });
      onDone(saved);
    } catch (err) {
      const failed = failureOf(err);
      if (!applyFieldErrors(form.setError, failed)) setFailure(failed);
    }
  });

  return (
    <form
      aria-label={classInfo ? t('classes.editForm', { name: classInfo.name }) : t('classes.create')}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      {failure && <ErrorNotice failure={failure} title={t('notSaved')} />}
      <div className="field-row">
        {!classInfo && (
          <FormField
            name={`${prefix}-schoolYear`}
            label={labels.schoolYear}
            hint={t('hint.schoolYear')}
            error={error('schoolYear')}
            required
          >
            {(p) => <input {...p} {...field.schoolYear} maxLength={9} autoComplete="off" />}
          </FormField>
        )}
        <FormField name={`${prefix}-name`} label={labels.name} error={error('name')} required>
          {(p) => <input {...p} {...field.name} maxLength={60} autoComplete="off" />}
        </FormField>
        <FormField
          name={`${prefix}-gradeLevel`}
          label={labels.gradeLevel}
          error={error('gradeLevel')}
        >
          {(p) => <input {...p} {...field.gradeLevel} type="number" min={0} max={13} step={1} />}
        </FormField>
        {canChooseTeacher && staff.data && (
          <FormField
            name={`${prefix}-teacherId`}
            label={labels.teacherId}
            error={error('teacherId')}
          >
            {(p) => (
              <select {...p} {...field.teacherId}>
                <option value="">{t('noTeacher')}</option>
                {staff.data
                  .filter((u) => !u.disabled)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {classInfo ? t('classes.save') : t('classes.submit')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
