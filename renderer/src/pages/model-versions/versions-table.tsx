import { useTranslation } from 'react-i18next';
import type { ModelVersionView } from '../../../../contract';
import { useFormat } from '../../i18n/format';
import { modelKindName } from '../../risk/model-kind';

const triggers = ['manual', 'scheduled', 'demo', 'test', 'benchmark', 'district'] as const;
type Trigger = (typeof triggers)[number];
const isTrigger = (s: string): s is Trigger => (triggers as readonly string[]).includes(s);

interface Props {
  versions: ModelVersionView[];
  selected: string | null;
  onSelect: (id: string) => void;
  onPromote: (version: ModelVersionView) => void;
}

/** Every kept version, newest first; each can be shown in detail or made live. */
export function VersionsTable({ versions, selected, onSelect, onPromote }: Props) {
  const { t } = useTranslation('models');
  const { t: tr } = useTranslation('risk');
  const format = useFormat();
  const live = versions.find((v) => v.status === 'champion');
  const per100 = (auc: number | null) =>
    auc === null ? t('versions.unknown') : t('versions.per100', { count: Math.round(auc * 100) });
  return (
    <table className="data-table versions-table">
      <caption>{t('versions.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('versions.created')}</th>
          <th scope="col">{t('versions.kind')}</th>
          <th scope="col">{t('versions.status')}</th>
          <th scope="col">{t('versions.quality')}</th>
          <th scope="col">{t('versions.later')}</th>
          <th scope="col">{t('versions.trigger')}</th>
          <th scope="col">{t('versions.action')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => {
          const date = format.dateTime(v.createdAt);
          return (
            <tr key={v.id} aria-current={v.id === selected ? 'true' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={v.id === selected}
                  aria-label={t('versions.details', { date })}
                  onClick={() => onSelect(v.id)}
                >
                  {date}
                </button>
              </th>
              <td>{modelKindName(tr, v.kind)}</td>
              <td>
                <span className={`model-status model-status-${v.status}`}>
                  {t(`status.${v.status}`)}
                </span>
              </td>
              <td>{per100(v.heldOutAuc)}</td>
              <td>{per100(v.temporalAuc)}</td>
              <td>{isTrigger(v.trigger) ? t(`trigger.${v.trigger}`) : v.trigger}</td>
              <td>
                {v.status !== 'champion' && (
                  <button type="button" onClick={() => onPromote(v)}>
                    {live && v.createdAt < live.createdAt
                      ? t('promote.rollBack')
                      : t('promote.button')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
