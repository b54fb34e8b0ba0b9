import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice';
import { FormField } from '../../components/form-field';
import { useAction } from '../../query/use-request';

/**
 * Connects an unconnected laptop with the district's connection file (read here, as text) and
 * its enrolment code; says how to do the same from the command line.
 */
export function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation('sync');
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<{ file: boolean; code: boolean }>({
    file: false,
    code: false,
  });
  const connect = useAction('connectSync', { onSuccess: () => onConnected() });
  const labels = { fileText: t('connect.file'), enrolmentCode: t('connect.code') };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = { file: !file, code: code.trim().length < 4 };
    setMissing(problems);
    if (!file || problems.code) return;
    connect.mutate({ fileText: await file.text(), enrolmentCode: code.trim() });
  }

  return (
    <form aria-labelledby={`${id}-title`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{t('connect.title')}</h3>
      <p className="muted">{t('connect.lead')}</p>
      {connect.isError && (
        <ErrorNotice failure={connect.error.failure} title={t('connect.failed')} labels={labels} />
      )}
      <FormField
        name="fileText"
        label={labels.fileText}
        error={missing.file ? t('connect.missingFile') : undefined}
        required
      >
        {(p) => <input {...p} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </FormField>
      <FormField
        name="enrolmentCode"
        label={labels.enrolmentCode}
        error={missing.code ? t('connect.missingCode') : undefined}
        required
      >
        {(p) => (
          <input
            {...p}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" disabled={connect.isPending}>
          {t('connect.submit')}
        </button>
        <p role="status">
          {connect.data
            ? t('connect.done', { host: connect.data.host, code: connect.data.schoolCode })
            : ''}
        </p>
      </div>
      <p className="muted">
        {t('connect.cli', { command: 'beacon sync --connect FILE --code ENROLMENT-CODE' })}
      </p>
    </form>
  );
}
