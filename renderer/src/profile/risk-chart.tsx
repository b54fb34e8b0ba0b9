import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RiskPoint } from '../../../contract';
import { useFormat } from '../i18n/format';
import { dateTicks, dayIncrements, dayRange } from './date-ticks';

/**
 * The risk score over time as a uPlot line (canvas, no network, no eval), its axes in the
 * reader's language. Decorative for assistive technology: the table beside it carries the same
 * points with their model version.
 */
export function RiskChart({ points, label }: { points: readonly RiskPoint[]; label: string }) {
  const { i18n } = useTranslation();
  const format = useFormat();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const xs = points.map((p) => Date.parse(p.scoredAt) / 1000);
    const ys = points.map((p) => p.score * 100);
    const tick = dateTicks(i18n.language, (xs.at(-1) ?? 0) - (xs[0] ?? 0));
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 200,
        legend: { show: false },
        scales: {
          x: { time: true, range: (_u, min, max) => dayRange(min, max) },
          y: { range: [0, 100] },
        },
        series: [{}, { label, stroke: '#b3261e', width: 2, points: { size: 7 } }],
        axes: [
          { incrs: dayIncrements, space: 70, values: (_u, ticks) => ticks.map(tick) },
          { values: (_u, ticks) => ticks.map((v) => format.percent(v / 100)) },
        ],
      },
      [xs, ys],
      el,
    );
    return () => plot.destroy();
  }, [points, label, i18n.language, format]);
  return <div ref={box} className="risk-chart" aria-hidden="true" />;
}
