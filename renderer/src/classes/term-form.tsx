import { useTranslation } from 'react-i18next';
import type { Term } from '../../../contract';
import { newTermInput } from '../../../contract/domains/records-classes';
import { useContractForm } from '../forms/use-contract-form';
import { ask } from '../query/ask';
import { RecordForm, useSave, useYearAndName, type RecordField } from './record-form';

interface Props {
  /** The term to edit; a new term in `schoolYear` when absent. */
  term?: Term;
  schoolYear: string;
  onDone: (saved: Term) => void;
  onCancel?: () => void;
}

/** Adds a term or edits one (name and dates), checked by the contract's own term rules. */
export function TermForm({ term, schoolYear, onDone, onCancel }: Props) {
  const { t } = useTranslation('classes');
  const { failure, save } = useSave();
  const form = useContractForm(newTermInput, {
    defaultValues: {
      schoolYear: term?.schoolYear ?? schoolYear,
      name: term?.name ?? '',
      startDate: term?.startDate ?? '',
      endDate: term?.endDate ?? '',
    },
  });
  const startDate = form.register('startDate');
  const endDate = form.register('endDate');
  const fields: RecordField[] = [
    ...useYearAndName(!term, form.register('schoolYear'), form.register('name')),
    {
      name: 'startDate',
      label: t('field.startDate'),
      required: true,
      render: (p) => <input {...p} {...startDate} type="date" />,
    },
    {
      name: 'endDate',
      label: t('field.endDate'),
      required: true,
      render: (p) => <input {...p} {...endDate} type="date" />,
    },
  ];

  const submit = form.handleSubmit((values) =>
    save(form.setError, async () => {
      const saved = term
        ? await ask('editTerm', {
            termId: term.id,
            name: values.name,
            startDate: values.startDate,
            endDate: values.endDate,
          })
        : await ask('createTerm', values);
      if (!term) form.reset({ ...values, name: '', startDate: '', endDate: '' });
      onDone(saved);
    }),
  );

  return (
    <RecordForm
      ariaLabel={term ? t('terms.editForm', { name: term.name }) : t('terms.create')}
      idPrefix={term ? `term-${term.id}` : 'new-term'}
      failure={failure}
      errors={form.formState.errors}
      fields={fields}
      submitLabel={term ? t('terms.save') : t('terms.submit')}
      submitting={form.formState.isSubmitting}
      onSubmit={(e) => void submit(e)}
      onCancel={onCancel}
    />
  );
}
