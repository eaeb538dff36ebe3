// Coverage month by month since 2021-05, with the milestones drawn on it.
import { useLang } from '#web/lib/i18n.js';
import { Loading, ErrorView } from '#web/components/ui.js';
import type { useTrend } from '#web/api/counties.js';

const W = 640;
const H = 220;
const PAD = { l: 40, r: 12, t: 12, b: 28 };

/** `chosen`: the past month the dashboard shows, marked on the line (null: today). */
export function TrendChart({ trend, chosen = null }: { trend: ReturnType<typeof useTrend>; chosen?: string | null }) {
  const { t, pct, month, colon, list } = useLang();
  const { data, error, reload } = trend;
  if (error) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;
  const months = data.months;
  const first = months[0]?.month ?? '2021-05';
  const index = (m: string) => (Number(m.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(m.slice(5, 7)) - Number(first.slice(5, 7));
  const span = Math.max(1, index(months[months.length - 1].month));
  const x = (i: number) => PAD.l + (i / span) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + (1 - v) * (H - PAD.t - PAD.b);
  const line = months.map((p, i) => `${i ? 'L' : 'M'}${x(index(p.month)).toFixed(1)},${y(p.coverage).toFixed(1)}`).join('');
  const last = months[months.length - 1];
  const picked = chosen ? months.find((p) => p.month === chosen) : undefined;
  return (
    <section className="card" aria-labelledby="trend-title">
      <h2 id="trend-title">
        {t('trend')} · {data.name}
      </h2>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="trend"
        role="img"
        aria-label={`${t('trend')}${colon}${list(months.map((p) => `${p.month} ${pct(p.coverage)}`))}`}
      >
        {[0, 0.5, 0.8, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.l - 4} y={y(v) + 4} textAnchor="end">
              {pct(v)}
            </text>
          </g>
        ))}
        {data.milestones.map((ms) => {
          const mx = x(index(ms.due.slice(0, 7)));
          return (
            <g key={ms.due} className="milestone">
              <line x1={mx} x2={mx} y1={y(ms.target)} y2={H - PAD.b} />
              <circle cx={mx} cy={y(ms.target)} r={4} />
              <text x={mx} y={H - PAD.b + 16} textAnchor="middle">
                {ms.due.slice(0, 7)}
              </text>
            </g>
          );
        })}
        <path d={line} className="trend-line" />
        {picked && (
          <g className="trend-chosen" data-testid="trend-chosen" data-month={picked.month}>
            <line x1={x(index(picked.month))} x2={x(index(picked.month))} y1={PAD.t} y2={H - PAD.b} />
            <circle cx={x(index(picked.month))} cy={y(picked.coverage)} r={4.5} />
            <text
              x={x(index(picked.month))}
              y={PAD.t + 10}
              textAnchor={index(picked.month) > span / 2 ? 'end' : 'start'}
              dx={index(picked.month) > span / 2 ? -4 : 4}
            >
              {month(picked.month)} {pct(picked.coverage)}
            </text>
          </g>
        )}
        <circle cx={x(index(last.month))} cy={y(last.coverage)} r={3.5} className="trend-now" />
        <text x={x(index(last.month))} y={y(last.coverage) - 8} textAnchor="end" className="trend-label">
          {month(last.month)} {pct(last.coverage)}
        </text>
      </svg>
    </section>
  );
}
