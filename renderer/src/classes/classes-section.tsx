import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassInfo } from '../../../contract';
import { useFormat } from '../i18n/format';
import { ClassForm } from './class-form';

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
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="classes-heading">
      <h2 id="classes-heading">{t('classes.heading')}</h2>
      {classes.length === 0 ? (
        <p>{t('classes.none')}</p>
      ) : (
        <table>
          <caption>{t('classes.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.gradeLevel')}</th>
              <th scope="col">{t('field.teacherId')}</th>
              <th scope="col">{t('classes.enrolled')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {classes.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{c.gradeLevel ?? ''}</td>
                <td>{c.teacherName ?? t('noTeacher')}</td>
                <td className="number">{number(c.enrolledCount)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={t('classes.rosterNamed', { name: c.name })}
                    onClick={() => onOpenRoster(c.id)}
                  >
                    {t('classes.roster')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('editNamed', { name: c.name })}
                    onClick={() => setEditing(c.id)}
                  >
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {classes
        .filter((c) => c.id === editing)
        .map((c) => (
          <ClassForm
            key={c.id}
            classInfo={c}
            schoolYear={schoolYear}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              setEditing(null);
              onSaved(t('saved', { name: saved.name }));
            }}
          />
        ))}
      <h3>{t('classes.create')}</h3>
      <ClassForm
        key={schoolYear}
        schoolYear={schoolYear}
        onDone={(saved) => onSaved(t('saved', { name: saved.name }))}
      />
    </section>
  );
}
