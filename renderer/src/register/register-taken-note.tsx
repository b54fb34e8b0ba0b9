import { useTranslation } from 'react-i18next';
import type { RegisterEntry } from '../../../contract';
import { useFormat } from '../i18n/format';

/**
 * Whether the day was taken before, and by whom last: a second taker must see that they are
 * changing someone's register, not starting a fresh one.
 */
export function RegisterTakenNote({ entries }: { entries: readonly RegisterEntry[] }) {
  const { t } = useTranslation('register');
  const format = useFormat();
  const saved = entries.filter((e) => e.recordedAt !== null);
  if (saved.length === 0) return <p className="muted">{t('notTaken')}</p>;
  const latest = saved.reduce((a, b) => ((b.recordedAt ?? '') > (a.recordedAt ?? '') ? b : a));
  const when = format.dateTime(latest.recordedAt ?? '');
  return (
    <p className="callout">
      {latest.recordedBy
        ? t('takenBefore', { saved: saved.length, name: latest.recordedBy, when })
        : t('takenBeforeSystem', { saved: saved.length, when })}
    </p>
  );
}
