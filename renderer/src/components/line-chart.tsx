import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** One value per x; null leaves a gap. */
  values: (number | null)[];
  /** A CSS colour; series are also told apart by dash, never by colour alone. */
  colour: string;
}

interface Props {
  /** The chart's title, also its figure caption. */
  title: string;
  /** The x values (unix seconds for dates), ascending. */
  x: number[];
  xLabel: string;
  series: ChartSeries[];
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  /** A fixed y range, e.g. [0, 1] for probabilities. */
  yRange?: [number, number];
  /** Whether x is a time (axis ticks as dates) or a plain number. */
  time?: boolean;
  height?: number;
}

const dashes = [undefined, [6, 4], [2, 3], [10, 3, 2, 3]];

/**
 * A line chart drawn by uPlot on a canvas, with the same figures as a table right below it for
 * screen readers, keyboard users and print (the canvas itself is hidden from assistive
 * technology).
 */
export function LineChart({
  title,
  x,
  xLabel,
  series,
  formatX,
  formatY,
  yRange,
  time = false,
  height = 220,
}: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 200),
        height,
        scales: { x: { time }, y: yRange ? { range: yRange } : {} },
        legend: { show: series.length > 1 },
        axes: [
          { values: (_u, splits) => splits.map((v) => formatX(v)) },
          { values: (_u, splits) => splits.map((v) => formatY(v)) },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: s.colour,
            width: 2,
            dash: dashes[i % dashes.length],
            points: { show: x.length < 40 },
          })),
        ],
      },
      [x, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(el.clientWidth, 200), height }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, formatX, formatY, yRange, time, height]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} className="chart-canvas no-print" aria-hidden="true" />
      <details className="chart-table">
        <summary>{t('chart.asTable')}</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="number">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {x.map((value, i) => (
              <tr key={value}>
                <th scope="row">{formatX(value)}</th>
                {series.map((s) => {
                  const y = s.values[i];
                  return (
                    <td key={s.label} className="number">
                      {y === null || y === undefined ? '–' : formatY(y)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
