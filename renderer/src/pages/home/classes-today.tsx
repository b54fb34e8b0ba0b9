import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClassToday } from '../../../../contract';

/** The signed-in teacher's classes, each with today's register: taken, to take, or no school. */
export function ClassesToday({ classes, today }: { classes: ClassToday[]; today: string }) {
  const { t } = useTranslation('home');
  if (classes.length === 0) return null;
  return (
    <section aria-labelledby="home-classes" className="home-block">
      <h2 id="home-classes">{t('classes.title')}</h2>
      <ul className="class-registers">
        {classes.map((c) => {
          const register = `/register?class=${c.classId}&date=${today}`;
          return (
            <li key={c.classId}>
              <span className="class-name">{c.name}</span>{' '}
              <span className="muted">{t('classes.students', { count: c.enrolled })}</span>{' '}
              {!c.schoolDay ? (
                <span className="register-state">{t('classes.noSchoolDay')}</span>
              ) : c.registerTaken ? (
                <>
                  <span className="register-state register-taken">{t('classes.taken')}</span>{' '}
                  <Link to={register}>{t('classes.open', { name: c.name })}</Link>
                </>
              ) : (
                <>
                  <span className="register-state register-due">{t('classes.toTake')}</span>{' '}
                  <Link to={register} className="button">
                    {t('classes.take', { name: c.name })}
                  </Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
