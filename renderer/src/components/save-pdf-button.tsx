import { useTranslation } from 'react-i18next';
import type { Failure, PdfReport } from '../../../contract';
import { failureOf } from '../query/ask';
import { useAction } from '../query/use-request';

interface Props {
  report: PdfReport;
  /** What the report is about (a student's name), for the file name the dialog offers. */
  subject?: string;
  onSaved(message: string): void;
  onFailed(failure: Failure): void;
}

/**
 * "Save as PDF": the app prints this window with its print stylesheet into a file the person
 * chooses (the backend names and writes it; Electron's printToPDF makes it). Outside the app
 * the backend answers NOT_AVAILABLE, whose words point to Print instead.
 */
export function SavePdfButton({ report, subject, onSaved, onFailed }: Props) {
  const { t } = useTranslation();
  const save = useAction('savePdf', {
    onSuccess: (answer) => {
      if (answer.saved && answer.fileName) onSaved(t('pdf.saved', { file: answer.fileName }));
    },
    onError: (error) => onFailed(failureOf(error)),
  });
  return (
    <button
      type="button"
      disabled={save.isPending}
      onClick={() => save.mutate(subject === undefined ? { report } : { report, subject })}
    >
      {save.isPending ? t('saving') : t('pdf.save')}
    </button>
  );
}
