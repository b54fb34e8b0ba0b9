import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddressParams } from '../components/use-address-params';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { AddAssessment } from '../marks/add-assessment';
import '../marks/marks.css';
import { MarksSheet } from '../marks/marks-sheet';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

/**
 * Marks per class and term. The class and term live in the address (`?class=…&term=…`); the
 * grid below takes typing and spreadsheet pastes and saves once.
 */
export function MarksPage() {
  const { t } = useTranslation('marks');
  const { t: tc } = useTranslation();
  const { params, setMany } = useAddressParams();
  const classes = useRequest('listClasses', {});
  const onlyClass = classes.data?.length === 1 ? classes.data[0]?.id : undefined;
  const classId = params.get('class') ?? onlyClass ?? '';
  const termId = params.get('term') ?? '';
  const cls = classes.data?.find((c) => c.id === classId);
  const terms = useRequest('listTerms', cls ? { schoolYear: cls.schoolYear } : {}, {
    enabled: cls !== undefined,
  });
  const classField = useId();
  const termField = useId();
  // Another class has other terms: its term is chosen anew.
  const choose = (name: string, value: string) =>
    setMany(name === 'class' ? { class: value, term: null } : { [name]: value });

  return (
    <Page heading={t('title')} lead={t('lead')}>
      {classes.isError && (
        <ErrorNotice failure={failureOf(classes.error)} title={t('classesFailed')} />
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={classField}>{t('classLabel')}</label>
          <select
            id={classField}
            value={cls ? classId : ''}
            onChange={(e) => choose('class', e.target.value)}
          >
            <option value="">{t('chooseClass')}</option>
            {classes.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={termField}>{t('termLabel')}</label>
          <select id={termField} value={termId} onChange={(e) => choose('term', e.target.value)}>
            <option value="">{t('allTerms')}</option>
            {terms.data?.map((term) => (
              <option key={term.id} value={term.id}>
                {term.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {classes.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : classId ? (
        <>
          <AddAssessment classId={classId} termId={termId || null} />
          <ClassMarks classId={classId} termId={termId} className={cls?.name ?? ''} />
        </>
      ) : null}
    </Page>
  );
}

function ClassMarks(props: { classId: string; termId: string; className: string }) {
  const { t } = useTranslation('marks');
  const { t: tc } = useTranslation();
  const input = { classId: props.classId, ...(props.termId ? { termId: props.termId } : {}) };
  const grid = useRequest('openMarksGrid', input);
  if (grid.isPending) return <p role="status">{tc('loading')}</p>;
  if (grid.isError) return <ErrorNotice failure={failureOf(grid.error)} title={t('readFailed')} />;
  return (
    <MarksSheet
      key={`${props.classId}:${props.termId}`}
      grid={grid.data}
      className={props.className}
    />
  );
}
