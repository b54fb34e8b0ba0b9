import { useTranslation } from 'react-i18next';
import type { ClassInfo } from '../../../contract';
import { newClassInput } from '../../../contract/domains/records-classes';
import { useContractForm } from '../forms/use-contract-form';
import { ask } from '../query/ask';
import { useRequest } from '../query/use-request';
import { useSession } from '../session';
import { RecordForm, useSave, useYearAndName, type RecordField } from './record-form';

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
  const { user } = useSession();
  const canChooseTeacher = user.role === 'admin';
  // The teacher list is shown only once loaded, so an edit never shows "no teacher" by mistake.
  const staff = useRequest('listUsers', {}, { enabled: canChooseTeacher });
  const { failure, save } = useSave();
  const form = useContractForm(newClassInput, {
    defaultValues: {
      schoolYear: classInfo?.schoolYear ?? schoolYear,
      name: classInfo?.name ?? '',
      gradeLevel: classInfo?.gradeLevel ?? null,
      teacherId: classInfo?.teacherId ?? null,
    },
  });
  const gradeLevel = form.register('gradeLevel', { setValueAs: toGrade });
  const teacherId = form.register('teacherId', { setValueAs: blankToNull });
  const fields: RecordField[] = [
    ...useYearAndName(!classInfo, form.register('schoolYear'), form.register('name')),
    {
      name: 'gradeLevel',
      label: t('field.gradeLevel'),
      render: (p) => <input {...p} {...gradeLevel} type="number" min={0} max={13} step={1} />,
    },
  ];
  if (canChooseTeacher && staff.data) {
    const active = staff.data.filter((u) => !u.disabled);
    fields.push({
      name: 'teacherId',
      label: t('field.teacherId'),
      render: (p) => (
        <select {...p} {...teacherId}>
          <option value="">{t('noTeacher')}</option>
          {active.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
        </select>
      ),
    });
  }

  const submit = form.handleSubmit((values) =>
    save(form.setError, async () => {
      const teacher = canChooseTeacher ? { teacherId: values.teacherId ?? null } : {};
      const common = { name: values.name, gradeLevel: values.gradeLevel ?? null, ...teacher };
      const saved = classInfo
        ? await ask('editClass', { classId: classInfo.id, ...common })
        : await ask('createClass', { schoolYear: values.schoolYear, ...common });
      if (!classInfo) form.reset({ ...values, name: '', gradeLevel: null, teacherId: null });
      onDone(saved);
    }),
  );

  return (
    <RecordForm
      ariaLabel={classInfo ? t('classes.editForm', { name: classInfo.name }) : t('classes.create')}
      idPrefix={classInfo ? `class-${classInfo.id}` : 'new-class'}
      failure={failure}
      errors={form.formState.errors}
      fields={fields}
      submitLabel={classInfo ? t('classes.save') : t('classes.submit')}
      submitting={form.formState.isSubmitting}
      onSubmit={(e) => void submit(e)}
      onCancel={onCancel}
    />
  );
}
