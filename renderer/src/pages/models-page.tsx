import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelVersionView } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { LiveHistory } from './model-versions/live-history';
import { LiveModel } from './model-versions/live-model';
import { PromoteDialog } from './model-versions/promote-dialog';
import { RetrainButton, TrainingJob } from './model-versions/retrain';
import { RetrainSchedule } from './model-versions/retrain-schedule';
import { VersionDetails } from './model-versions/version-details';
import { VersionsTable } from './model-versions/versions-table';

/**
 * The risk models: the live one in plain words, every kept version with its calibration and
 * fairness, promote and roll back, retrain now with progress and Cancel, and the schedule.
 */
export function ModelsPage() {
  const { t } = useTranslation('models');
  const { t: tc } = useTranslation();
  const versions = useRequest('listModelVersions', {});
  const history = useRequest('modelLiveHistory', {});
  const settings = useRequest('getRiskSettings', {});
  const running = useRequest('listJobs', { kind: 'train', status: 'running', limit: 1 });
  const [jobId, setJobId] = useState<string | null>(null);
  const [joined, setJoined] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [promoting, setPromoting] = useState<ModelVersionView | null>(null);

  const list = versions.data ?? [];
  const live = list.find((v) => v.status === 'champion') ?? null;
  const shownId = selected ?? live?.id ?? list[0]?.id ?? null;
  const shown = list.find((v) => v.id === shownId) ?? null;
  const runningId = running.data?.[0]?.id ?? null;
  const followed = jobId ?? runningId;

  return (
    <Page
      heading={t('title')}
      lead={t('lead')}
      busy={versions.isFetching}
      actions={
        <RetrainButton
          running={followed !== null && followed === runningId}
          onStarted={(id, alreadyUnderWay) => {
            setJobId(id);
            setJoined(alreadyUnderWay);
          }}
        />
      }
    >
      {followed && (
        <TrainingJob key={followed} jobId={followed} joined={joined && followed === jobId} />
      )}
      {versions.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : versions.isError ? (
        <ErrorNotice failure={failureOf(versions.error)} title={t('readFailed')} />
      ) : list.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <>
          {live && <LiveModel live={live} history={history.data ?? []} />}
          <section aria-labelledby="models-versions">
            <h2 id="models-versions">{t('versions.title')}</h2>
            <VersionsTable
              versions={list}
              selected={shownId}
              onSelect={setSelected}
              onPromote={setPromoting}
            />
          </section>
          {shown && <VersionDetails version={shown} />}
          {history.data && <LiveHistory history={history.data} versions={list} />}
        </>
      )}
      {settings.data && <RetrainSchedule everyDays={settings.data.retrainEveryDays} />}
      {promoting && <PromoteDialog version={promoting} onClose={() => setPromoting(null)} />}
    </Page>
  );
}
