import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice';
import { FormField } from './form-field';
import type { RequestError } from '../query/ask';

interface Props {
  /** Whose words: the Sync screen's (a school's file) or the District screen's (an admin's). */
  words: 'sync' | 'district';
  /** The same connection from the command line, shown under the form. */
  cliCommand: string;
  /** The connect request as a mutation (useAction('connectSync' | 'connectDistrict')). */
  action: {
    mutate(input: { fileText: string; enrolmentCode: string }): void;
    isPending: boolean;
    error: RequestError | null;
  };
  /** What the status line says once connected; empty before. */
  done: string;
}

/**
 * Connects with a connection file the district wrote (read here, as text) and its enrolment
 * code; says what is missing before anything is sent.
 */
export function ConnectForm({ words, cliCommand, action, done }: Props) {
  const { t } = useTranslation(words);
  const texts = {
    title: t('connect.title'),
    lead: t('connect.lead'),
    file: t('connect.file'),
    code: t('connect.code'),
    submit: t('connect.submit'),
    missingFile: t('connect.missingFile'),
    missingCode: t('connect.missingCode'),
    failed: t('connect.failed'),
    cli: t('connect.cli', { command: cliCommand }),
  };
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<{ file: boolean; code: boolean }>({
    file: false,
    code: false,
  });
  const labels = { fileText: texts.file, enrolmentCode: texts.code };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = { file: !file, code: code.trim().length < 4 };
    setMissing(problems);
    if (!file || problems.code) return;
    action.mutate({ fileText: await file.text(), enrolmentCode: code.trim() });
  }

  return (
    <form aria-labelledby={`${id}-title`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{texts.title}</h3>
      <p className="muted">{texts.lead}</p>
      {action.error && (
        <ErrorNotice failure={action.error.failure} title={texts.failed} labels={labels} />
      )}
      <FormField
        name="fileText"
        label={labels.fileText}
        error={missing.file ? texts.missingFile : undefined}
        required
      >
        {(p) => <input {...p} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </FormField>
      <FormField
        name="enrolmentCode"
        label={labels.enrolmentCode}
        error={missing.code ? texts.missingCode : undefined}
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
        <button type="submit" disabled={action.isPending}>
          {texts.submit}
        </button>
        <p role="status">{done}</p>
      </div>
      <p className="muted">{texts.cli}</p>
    </form>
  );
}
