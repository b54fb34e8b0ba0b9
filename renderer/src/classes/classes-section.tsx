import { useTranslation } from 'react-i18next';
import type { ClassInfo } from '../../../contract';
import { useFormat } from '../i18n/format';
import { ClassForm } from './class-form';
import { RecordsSection } from './records-section';

interface Props {
  classes: ClassInfo[];
  schoolYear: string;
  onSaved: (message: string) => void;
  onOpenRoster: (classId: string) => void;
}

/** The school year's classes with teacher and size, editable in place, and a form for a new one. */
export function ClassesSection({ classes, schoolYear, onSaved, onOpenRoster }: Props) {
  const { t } = useTranslation('classes');
  const { number } = useFormat();
  return (
    <RecordsSection
      id="classes"
      words={{
        heading: t('classes.heading'),
        none: t('classes.none'),
        caption: t('classes.table'),
        create: t('classes.create'),
      }}
      rows={classes}
      columns={[
        { header: t('field.gradeLevel'), cell: (c) => c.gradeLevel ?? '' },
        { header: t('field.teacherId'), cell: (c) => c.teacherName ?? t('noTeacher') },
        {
          header: t('classes.enrolled'),
          cell: (c) => number(c.enrolledCount),
          className: 'number',
        },
      ]}
      actions={(c) => (
        <button
          type="button"
          aria-label={t('classes.rosterNamed', { name: c.name })}
          onClick={() => onOpenRoster(c.id)}
        >
          {t('classes.roster')}
        </button>
      )}
      form={({ row, onDone, onCancel }) => (
        <ClassForm
          key={row?.id ?? schoolYear}
          {...(row ? { classInfo: row } : {})}
          schoolYear={schoolYear}
          onDone={onDone}
          {...(onCancel ? { onCancel } : {})}
        />
      )}
      onSaved={onSaved}
    />
  );
}
