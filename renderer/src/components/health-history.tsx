import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthSeries } from '../../../contract';
import { useFormat, type Formatters } from '../i18n/format';

const WIDTH = 200;
const HEIGHT = 48;
const GB = 1024 ** 3;

type Words = (key: 'minutes' | 'ms' | 'hours' | 'gigabytes' | 'megabytes', value: string) => string;

/** A figure's value in its unit, in the reader's language. */
function shown(series: HealthSeries, value: number, format: Formatters, words: Words): string {
  switch (series.metric) {
    case 'job_failure_rate':
      return format.percent(value, 1);
    case 'champion_auc':
      return format.number(value, 2);
    default:
      break;
  }
  if (series.unit === 'minutes') return words('minutes', format.number(value, 1));
  if (series.unit === 'ms') return words('ms', format.number(value, value < 10 ? 1 : 0));
  if (series.unit === 'hours') return words('hours', format.number(value, 1));
  if (series.unit === 'bytes') {
    return value >= GB
      ? words('gigabytes', format.number(value / GB, 1))
      : words('megabytes', format.number(value / 1024 ** 2, 0));
  }
  return format.number(value, 2);
}

/**
 * A small line of the series with its threshold dashed across. Drawn as SVG attributes (no
 * inline styles, which the CSP forbids); the words beside it say everything it shows.
 */
function Sparkline({ series }: { series: HealthSeries }) {
  const t = series.threshold;
  const limit = t === null ? null : 'above' in t ? t.above : t.below;
  const values = series.points.map((p) => p.value);
  const times = series.points.map((p) => Date.parse(p.at));
  const low = Math.min(...values, limit ?? Infinity);
  const high = Math.max(...values, limit ?? -Infinity);
  const span = high - low || 1;
  const first = times[0] ?? 0;
  const width = (times.at(-1) ?? first) - first || 1;
  const x = (time: number) => (values.length === 1 ? WIDTH / 2 : ((time - first) / width) * WIDTH);
  const y = (value: number) => HEIGHT - 4 - ((value - low) / span) * (HEIGHT - 8);
  const line = series.points.map((p, i) => `${x(times[i] ?? 0)},${y(p.value)}`).join(' ');
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      aria-hidden="true"
      focusable="false"
    >
      {limit !== null && (
        <line
          x1={0}
          x2={WIDTH}
          y1={y(limit)}
          y2={y(limit)}
          stroke="currentColor"
          strokeDasharray="4 3"
          strokeOpacity={0.6}
        />
      )}
      {values.length > 1 && (
        <polyline points={line} fill="none" stroke="currentColor" strokeWidth={1.5} />
      )}
      {values.length === 1 && (
        <circle cx={x(times[0] ?? 0)} cy={y(values[0] ?? 0)} r={2.5} fill="currentColor" />
      )}
    </svg>
  );
}

/** The health figures over time: one small chart each, with its latest value and threshold. */
export function HealthHistory({ history }: { history: HealthSeries[] }) {
  const { t } = useTranslation('healthHistory');
  const format = useFormat();
  const id = useId();
  const words: Words = (key, value) => t(key, { value });
  return (
    <section aria-labelledby={id} className="health-history">
      <h2 id={id}>{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>
      <ul>
        {history.map((series) => {
          const limit = series.threshold;
          const threshold =
            limit === null
              ? t('noThreshold')
              : 'above' in limit
                ? t('above', { value: shown(series, limit.above, format, words) })
                : t('below', { value: shown(series, limit.below, format, words) });
          return (
            <li key={series.metric} data-status={series.status}>
              <figure>
                <figcaption>
                  <strong>{t(`metric.${series.metric}`)}</strong>
                  <span>
                    {series.latest === null
                      ? t('status.unknown')
                      : `${t('latest', { value: shown(series, series.latest, format, words) })} · ${t(`status.${series.status}`)}`}
                  </span>
                  <span className="muted">{threshold}</span>
                </figcaption>
                {series.points.length > 0 && <Sparkline series={series} />}
              </figure>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
