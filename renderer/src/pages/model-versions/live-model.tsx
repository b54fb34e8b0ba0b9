import { useTranslation } from 'react-i18next';
import type { LiveSpanView, ModelVersionView } from '../../../../contract';
import { useFormat } from '../../i18n/format';
import { modelKindName } from '../../risk/model-kind';

/** The live version in plain words: what it is, since when, and how well it ranks students. */
export function LiveModel({ live, history }: { live: ModelVersionView; history: LiveSpanView[] }) {
  const { t } = useTranslation('models');
  const { t: tr } = useTranslation('risk');
  const format = useFormat();
  const since = history.find((s) => s.modelVersionId === live.id && s.liveTo === null)?.liveFrom;
  return (
    <section aria-labelledby="models-live" className="callout">
      <h2 id="models-live">{t('live.title')}</h2>
      <p>
        {t('live.facts', {
          kind: modelKindName(tr, live.kind),
          trained: format.date(live.createdAt),
          since: format.date(since ?? live.createdAt),
        })}
      </p>
      {live.heldOutAuc !== null && (
        <p>{t('live.auc', { count: Math.round(live.heldOutAuc * 100) })}</p>
      )}
      {live.temporalAuc !== null && (
        <p>{t('live.later', { count: Math.round(live.temporalAuc * 100) })}</p>
      )}
    </section>
  );
}
