import { useTranslation } from 'react-i18next';
import type { LiveSpanView, ModelVersionView } from '../../../../contract';
import { useFormat } from '../../i18n/format';
import { modelKindName } from '../../risk/model-kind';

/** Which version was live from when to when, and why, newest first. */
export function LiveHistory({
  history,
  versions,
}: {
  history: LiveSpanView[];
  versions: ModelVersionView[];
}) {
  const { t } = useTranslation('models');
  const { t: tr } = useTranslation('risk');
  const format = useFormat();
  const byId = new Map(versions.map((v) => [v.id, v]));
  return (
    <section aria-labelledby="models-history">
      <h2 id="models-history">{t('history.title')}</h2>
      <table className="data-table">
        <caption>{t('history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.from')}</th>
            <th scope="col">{t('history.to')}</th>
            <th scope="col">{t('history.version')}</th>
            <th scope="col">{t('history.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((span) => {
            const v = byId.get(span.modelVersionId);
            return (
              <tr key={`${span.modelVersionId}-${span.liveFrom}`}>
                <td>{format.dateTime(span.liveFrom)}</td>
                <td>{span.liveTo ? format.dateTime(span.liveTo) : t('history.now')}</td>
                <td>
                  {v
                    ? `${modelKindName(tr, v.kind)} · ${format.dateTime(v.createdAt)}`
                    : span.modelVersionId.slice(0, 8)}
                </td>
                {/* Reasons are typed by staff, or the backend's English for automatic changes. */}
                <td>{span.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
