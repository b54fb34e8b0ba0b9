import { useTranslation } from 'react-i18next';
import type { Term } from '../../../contract';
import { useFormat } from '../i18n/format';
import { RecordsSection } from './records-section';
import { TermForm } from './term-form';

interface Props {
  terms: Term[];
  schoolYear: string;
  onSaved: (message: string) => void;
}

/** The school year's terms with their dates, each editable in place, and a form for a new one. */
export function TermsSection({ terms, schoolYear, onSaved }: Props) {
  const { t } = useTranslation('classes');
  const { date } = useFormat();
  return (
    <RecordsSection
      id="terms"
      words={{
        heading: t('terms.heading'),
        none: t('terms.none'),
        caption: t('terms.table'),
        create: t('terms.create'),
      }}
      rows={terms}
      columns={[
        { header: t('field.startDate'), cell: (term) => date(term.startDate) },
        { header: t('field.endDate'), cell: (term) => date(term.endDate) },
      ]}
      form={({ row, onDone, onCancel }) => (
        <TermForm
          key={row?.id ?? schoolYear}
          {...(row ? { term: row } : {})}
          schoolYear={schoolYear}
          onDone={onDone}
          {...(onCancel ? { onCancel } : {})}
        />
      )}
      onSaved={onSaved}
    />
  );
}
