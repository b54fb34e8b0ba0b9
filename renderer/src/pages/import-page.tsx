import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure, ImportPreview, ImportReport, RequestInput } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { ProgressBar } from '../components/progress-bar';
import { useUnsavedChangesGuard } from '../components/use-unsaved-changes-guard';
import { ChooseFileForm, type ChosenFile } from '../import/choose-file-form';
import { ImportReportView } from '../import/import-report-view';
import { editedMapping, initialSources, type FieldSources } from '../import/mapping-edits';
import { MappingStep } from '../import/mapping-step';
import { ImportSteps, type ImportStep } from '../import/import-steps';
import '../import/import.css';
import { ask, failureOf } from '../query/ask';

type Stage =
  | { step: 'choose' }
  | { step: 'map'; chosen: ChosenFile; preview: ImportPreview }
  | { step: 'check'; chosen: ChosenFile; preview: ImportPreview; report: ImportReport }
  | { step: 'run'; chosen: ChosenFile; report: ImportReport; mappingSaved: boolean };

type Failed = { title: 'preview' | 'check' | 'run' | 'save'; failure: Failure } | null;

/**
 * The import wizard: choose a file, check the column mapping against its first rows, check
 * every row (nothing written), then import it. A file with any rejected row is refused whole,
 * so the import button appears only after a clean check.
 */
export function ImportPage() {
  const { t } = useTranslation('import');
  const { t: tx } = useTranslation('export');
  const { t: tc } = useTranslation();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [sources, setSources] = useState<FieldSources>({});
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState<null | 'preview' | 'check' | 'run'>(null);
  const [failed, setFailed] = useState<Failed>(null);
  const progressId = useId();
  // A checked file not yet imported is work the user would lose by leaving.
  useUnsavedChangesGuard(stage.step === 'map' || stage.step === 'check');

  async function attempt<T>(what: 'preview' | 'check' | 'run', run: () => Promise<T>) {
    setBusy(what);
    setFailed(null);
    try {
      return await run();
    } catch (error) {
      setFailed({ title: what, failure: failureOf(error) });
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function preview(chosen: ChosenFile) {
    const input: RequestInput<'previewImport'> = {
      kind: chosen.kind,
      file: chosen.file,
      ...(chosen.mappingName ? { mappingName: chosen.mappingName } : {}),
    };
    const answer = await attempt('preview', () => ask('previewImport', input));
    if (!answer) return;
    setSources(initialSources(answer));
    setStage({ step: 'map', chosen, preview: answer });
  }

  async function check(chosen: ChosenFile, shown: ImportPreview) {
    const mapping = editedMapping(shown, sources);
    const report = await attempt('check', () =>
      ask('dryRunImport', { kind: chosen.kind, file: chosen.file, mapping }),
    );
    if (report) setStage({ step: 'check', chosen, preview: shown, report });
  }

  async function run(chosen: ChosenFile, checked: ImportReport) {
    const report = await attempt('run', () =>
      ask('runImport', { kind: chosen.kind, file: chosen.file, mapping: checked.mapping }),
    );
    if (!report) return;
    let mappingSaved = false;
    if (report.outcome === 'imported' && remember) {
      const name = chosen.mappingName ?? chosen.kind;
      const saved = await ask('saveImportMapping', {
        name,
        kind: chosen.kind,
        mapping: report.mapping,
      }).catch((error: unknown) => {
        setFailed({ title: 'save', failure: failureOf(error) });
        return null;
      });
      mappingSaved = saved !== null;
    }
    setStage({ step: 'run', chosen, report, mappingSaved });
  }

  const current: ImportStep = stage.step;
  return (
    <Page heading={t('title')} lead={t('lead')} busy={busy !== null}>
      <ImportSteps current={current} />
      {failed && <ErrorNotice failure={failed.failure} title={t(`failed.${failed.title}`)} />}
      {stage.step === 'choose' && (
        <ChooseFileForm busy={busy !== null} onChosen={(c) => void preview(c)} />
      )}
      {stage.step === 'map' && (
        <form
          aria-label={t('step.map')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void check(stage.chosen, stage.preview);
          }}
        >
          <MappingStep
            preview={stage.preview}
            sources={sources}
            onSourceChange={(field, source) => setSources((s) => ({ ...s, [field]: source }))}
          />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy !== null}>
              {busy === 'check' ? t('map.checking') : t('map.submit')}
            </button>
            <StartOver onClick={() => setStage({ step: 'choose' })} />
          </div>
        </form>
      )}
      {stage.step === 'check' && (
        <>
          <ImportReportView report={stage.report} />
          {busy === 'run' && (
            <div className="job-progress">
              <p id={progressId} role="status" className="progress-step">
                {t('run.running', { file: stage.chosen.file.name })}
              </p>
              <ProgressBar
                labelledBy={progressId}
                percent={null}
                workingText={tc('progress.working')}
              />
            </div>
          )}
          <div className="form-actions">
            {stage.report.outcome === 'dry_run' && (
              <>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={remember}
                    onChange={(e) => setRemember(e.target.checked)}
                  />
                  {t('map.remember')}
                </label>
                <button
                  type="button"
                  className="primary"
                  disabled={busy !== null}
                  onClick={() => void run(stage.chosen, stage.report)}
                >
                  {t('run.submit')}
                </button>
              </>
            )}
            <StartOver onClick={() => setStage({ step: 'choose' })} />
          </div>
        </>
      )}
      {stage.step === 'run' && (
        <>
          <ImportReportView report={stage.report} />
          {stage.mappingSaved && (
            <p role="status">
              {t('report.mappingSaved', { kind: tx(`kind.${stage.chosen.kind}`) })}
            </p>
          )}
          <div className="form-actions">
            <StartOver onClick={() => setStage({ step: 'choose' })} />
          </div>
        </>
      )}
    </Page>
  );
}

function StartOver({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation('import');
  return (
    <button type="button" onClick={onClick}>
      {t('again')}
    </button>
  );
}
