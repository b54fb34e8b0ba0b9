import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClassesSection } from '../classes/classes-section';
import '../classes/classes.css';
import { RosterSection } from '../classes/roster-section';
import { localToday, schoolYearOf } from '../classes/school-year';
import { TermsSection } from '../classes/terms-section';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

/**
 * Terms and classes of one school year (the current one first), created and edited in place,
 * and each class's students: enrol, move to another class, end an enrolment.
 */
export function ClassesPage() {
  const { t } = useTranslation('classes');
  const { t: tc } = useTranslation();
  const school = useRequest('getSchool', {});
  const current = schoolYearOf(localToday(), school.data?.schoolYearStartMonth ?? 9);
  const [chosenYear, setChosenYear] = useState<string | null>(null);
  const year = chosenYear ?? current;
  const allTerms = useRequest('listTerms', {});
  const allClasses = useRequest('listClasses', {});
  const [saved, setSaved] = useState('');
  const [rosterOf, setRosterOf] = useState<string | null>(null);

  const years = [
    ...new Set([
      current,
      ...(allTerms.data ?? []).map((x) => x.schoolYear),
      ...(allClasses.data ?? []).map((x) => x.schoolYear),
    ]),
  ].sort();
  const terms = (allTerms.data ?? []).filter((x) => x.schoolYear === year);
  const classes = (allClasses.data ?? []).filter((x) => x.schoolYear === year);
  const rosterClass = classes.find((c) => c.id === rosterOf);
  const failed = allTerms.error ?? allClasses.error;

  return (
    <Page heading={t('title')} lead={t('lead')} busy={allTerms.isFetching || allClasses.isFetching}>
      <div className="field year-picker">
        <label htmlFor="classes-year">{t('year')}</label>
        <select
          id="classes-year"
          value={year}
          onChange={(e) => {
            setChosenYear(e.target.value);
            setRosterOf(null);
          }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <p role="status">{saved}</p>
      {failed ? (
        <ErrorNotice failure={failureOf(failed)} title={t('readFailed')} />
      ) : allTerms.isPending || allClasses.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : (
        <>
          <TermsSection terms={terms} schoolYear={year} onSaved={setSaved} />
          <ClassesSection
            classes={classes}
            schoolYear={year}
            onSaved={setSaved}
            onOpenRoster={setRosterOf}
          />
          {rosterClass && (
            <RosterSection
              key={rosterClass.id}
              classInfo={rosterClass}
              classes={classes}
              onClose={() => setRosterOf(null)}
            />
          )}
        </>
      )}
    </Page>
  );
}
