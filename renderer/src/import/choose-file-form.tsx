import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { importKinds, type ImportKind } from '../../../contract/domains/import';
import { readFileBase64 } from '../files/read-file';
import { useRequest } from '../query/use-request';

/** What the first step hands on: the kind, the file's content and the saved mapping chosen. */
export interface ChosenFile {
  kind: ImportKind;
  file: { name: string; base64: string };
  mappingName: string | undefined;
}

interface Props {
  busy: boolean;
  onChosen: (chosen: ChosenFile) => void;
}

/**
 * Step 1: what the file holds, the file itself (read here, in the window, as bytes) and the
 * saved column mapping to start from, the newest saved one for that kind by default.
 */
export function ChooseFileForm({ busy, onChosen }: Props) {
  const { t } = useTranslation('import');
  const { t: tx } = useTranslation('export');
  const id = useId();
  const [kind, setKind] = useState<ImportKind>('students');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [reading, setReading] = useState(false);
  const saved = useRequest('listImportMappings', { kind });
  const newest = saved.data
    ?.slice()
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .at(0)?.name;
  const [mappingChoice, setMappingChoice] = useState<string | null>(null);
  const mappingName = mappingChoice === null ? newest : mappingChoice || undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setMissing(true);
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setReading(true);
    try {
      const base64 = await readFileBase64(file);
      onChosen({ kind, file: { name: file.name, base64 }, mappingName });
    } finally {
      setReading(false);
    }
  }

  return (
    <form aria-label={t('choose.form')} noValidate onSubmit={(e) => void submit(e)}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('choose.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              setMappingChoice(null);
            }}
          >
            {importKinds.map((k) => (
              <option key={k} value={k}>
                {tx(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-mapping`}>{t('choose.savedMapping')}</label>
          <select
            id={`${id}-mapping`}
            value={mappingName ?? ''}
            onChange={(e) => setMappingChoice(e.target.value)}
          >
            <option value="">{t('choose.byName')}</option>
            {(saved.data ?? []).map((m) => (
              <option key={m.name} value={m.name}>
                {t('choose.saved', { name: m.name })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('choose.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-file-error` : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setMissing(false);
          }}
        />
        {missing && (
          <p id={`${id}-file-error`} className="field-error">
            {t('choose.noFile')}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || reading}>
          {reading ? t('choose.reading') : t('choose.submit')}
        </button>
      </div>
    </form>
  );
}
