import type { UsagePoint } from '../store/metrics-history.js';

const WIDTH = 320;
const HEIGHT = 90;
const PAD = { left: 44, right: 6, top: 8, bottom: 16 };

/** A small SVG line chart of one usage series over time; the last value is also given as text. */
export function LineChart(props: {
  title: string;
  points: UsagePoint[];
  value: (p: UsagePoint) => number;
  format: (n: number) => string;
  capacity?: number;
}) {
  const { title, points, value, format, capacity } = props;
  if (points.length === 0) {
    return (
      <figure class="chart">
        <figcaption>{title}</figcaption>
        <p class="chart-empty">waiting for samples…</p>
      </figure>
    );
  }
  const values = points.map(value);
  const max = Math.max(capacity ?? 0, ...values) || 1;
  const t0 = points[0].time;
  const span = Math.max(1, points[points.length - 1].time - t0);
  const x = (t: number) => PAD.left + ((t - t0) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - (v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${x(p.time).toFixed(1)},${y(values[i]).toFixed(1)}`).join(' ');
  const last = values[values.length - 1];
  const minutes = Math.round(span / 60_000);
  return (
    <figure class="chart">
      <figcaption>
        {title}: <strong>{format(last)}</strong>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${title}, last ${minutes || '<1'} min, now ${format(last)}, peak ${format(Math.max(...values))}`}
      >
        <line class="chart-axis" x1={PAD.left} y1={y(0)} x2={WIDTH - PAD.right} y2={y(0)} />
        <line class="chart-grid" x1={PAD.left} y1={y(max)} x2={WIDTH - PAD.right} y2={y(max)} />
        <text class="chart-label" x={PAD.left - 4} y={y(max) + 4} text-anchor="end">
          {format(max)}
        </text>
        <text class="chart-label" x={PAD.left - 4} y={y(0)} text-anchor="end">
          0
        </text>
        <text class="chart-label" x={WIDTH - PAD.right} y={HEIGHT - 2} text-anchor="end">
          now
        </text>
        <text class="chart-label" x={PAD.left} y={HEIGHT - 2}>
          −{minutes || '<1'} min
        </text>
        {points.length > 1 ? (
          <polyline class="chart-line" points={path} />
        ) : (
          <circle class="chart-dot" cx={x(points[0].time)} cy={y(values[0])} r={3} />
        )}
      </svg>
    </figure>
  );
}
