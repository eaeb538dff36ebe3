// An area's retention (GET /api/retention?area=45 as the province) on the seeded province: the first read
// of the day (every county judged and stored), a read after one team save (that county judged again), and
// reads served from the day's stored figures, each against the dashboard read (GET /api/counties) measured here.
import { median, p95, repeat, round, SMOKE, SMOKE_COUNTIES, time, type BenchRow } from './context.js';
import type { seededServer } from './dashboard.js';

const CALLS = repeat(Number(process.env.BENCH_CALLS ?? 50));
const SAVES = repeat(5);

export async function benchRetention(ctx: Awaited<ReturnType<typeof seededServer>>) {
  const province = await ctx.token('province');
  const counties = SMOKE ? SMOKE_COUNTIES.length : 111;
  const get = async (path: string, check: (body: Record<string, unknown>) => boolean) => {
    const { ms, value } = await time(async () => {
      const res = await fetch(`${ctx.url}${path}`, { headers: { authorization: `Bearer ${province}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    });
    if (value.status !== 200 || !check(value.body)) throw new Error(`unexpected answer ${value.status} from ${path}`);
    return ms;
  };
  const retention = () => get('/api/retention?area=45', (b) => b.counties === counties);
  const dashboard = () => get('/api/counties', (b) => (b.counties as unknown[]).length === counties);

  const cold = await retention();
  // A save in one county moves its aggregate's rev: that county is judged again, the others are read as stored.
  const county = SMOKE_COUNTIES[0];
  const clerk = await ctx.token(`county:${county}`);
  const code = (await ctx.deps.store.listTeams(county))[0].communityCode;
  const afterSave: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const stored = (await ctx.deps.store.getTeam(code))!;
    const saved = await fetch(`${ctx.url}/api/communities/${code}/team`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json', 'if-match': String(stored.version) },
      body: JSON.stringify({ ...stored.team, name: `${stored.team.name.replace(/（测\d+）$/, '')}（测${i}）` }),
    });
    if (saved.status !== 200) throw new Error(`the team save answered ${saved.status}`);
    afterSave.push(await retention());
  }
  const warm: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < repeat(5); i++) await dashboard();
  for (let i = 0; i < CALLS; i++) {
    warm.push(await retention());
    base.push(await dashboard());
  }
  // Three readers at once, as the finding measured them (the figures stored).
  const three = (await time(() => Promise.all([retention(), retention(), retention()]))).ms;
  const baseline = `dashboard ${round(median(base), 2)} ms (median of ${CALLS}, same run)`;
  const rows: BenchRow[] = [
    {
      name: 'retention: GET /api/retention?area=45, first read of the day (every county judged and stored)',
      value: `${round(cold)} ms`,
      baseline,
      ratio: round(cold / median(base)),
    },
    {
      name: `retention after a team save in one county (that county judged again), median of ${SAVES}`,
      value: `${round(median(afterSave), 2)} ms`,
      baseline,
      ratio: round(median(afterSave) / median(base)),
      target: '≤ 1 s',
    },
    {
      name: `retention from the day's stored figures, median of ${CALLS}`,
      value: `${round(median(warm), 2)} ms (p95 ${round(p95(warm), 2)} ms)`,
      baseline,
      ratio: round(median(warm) / median(base)),
      target: '≤ 1 s',
    },
    { name: 'retention from stored figures, three reads at once', value: `${round(three)} ms for all three` },
  ];
  return {
    rows,
    json: {
      coldMs: round(cold),
      afterSaveMedianMs: round(median(afterSave), 2),
      warmMedianMs: round(median(warm), 2),
      warmP95Ms: round(p95(warm), 2),
      threeAtOnceMs: round(three),
      dashboardMedianMs: round(median(base), 2),
    },
  };
}
