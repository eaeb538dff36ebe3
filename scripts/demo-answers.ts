// The API's answers for a running demo, written down so two versions of the tracker can be compared:
//
//   TRACKER_NOW=2026-12-01T10:00:00+08:00 npm start             (in each checkout, one at a time)
//   npx tsx scripts/demo-answers.ts dump http://127.0.0.1:8787 /tmp/answers-a
//   npx tsx scripts/demo-answers.ts compare /tmp/answers-a /tmp/answers-b
//
// `dump` asks every GET route of the route table as the province, a city and a county (zh-CN, the
// default), with path parameters taken from the demo's own answers, and keeps each answer's status and
// body (a spreadsheet by its status only: its bytes carry the moment it was made). It asks through HTTP
// only, so it runs against any version that serves /api/dev/token. `compare` says which answers are
// byte-equal and, for the others, what differs once instants from the run itself (at or after
// TRACKER_NOW, when seeding and jobs wrote them) are set aside: fields added, removed or changed, by path.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import routes from '#api/routes.json' with { type: 'json' };

const CALLERS = ['province', 'city:4501', 'county:450102'] as const;
const COUNTY = '450102';
const CITY = '4501';

type Answer = { status: number; type: string; body: unknown };

async function dump(base: string, out: string) {
  const get = async (token: string, path: string): Promise<Answer> => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const type = (res.headers.get('content-type') ?? '').split(';')[0];
    const text = await res.text();
    const body = type === 'application/json' ? JSON.parse(text) : type.includes('spreadsheet') ? `(${type})` : text;
    return { status: res.status, type, body };
  };
  const tokenOf = async (scope: string) =>
    ((await (await fetch(`${base}/api/dev/token`, { method: 'POST', body: JSON.stringify({ scope }) })).json()) as { token: string }).token;
  const province = await tokenOf('province');
  const health = (await get(province, '/api/health')).body as { today: string };
  const month = health.today.slice(0, 7);
  const year = health.today.slice(0, 4);
  const communities = (await get(province, `/api/counties/${COUNTY}/communities`)).body as {
    communities: { code: string; team?: unknown }[];
  };
  const community = communities.communities.find((c) => c.team)?.code ?? communities.communities[0].code;
  const standards = (await get(province, '/api/standards')).body as { standards: { id: string; versions: { version: number }[] }[] };
  const campaigns = (await get(province, '/api/campaigns')).body as { campaigns: { id: string }[] };
  const values: Record<string, string> = {
    id: campaigns.campaigns[0]?.id ?? 'none',
    version: '1',
    month,
    year,
  };
  /** Each value a query parameter is asked with, beside the route's answer without it. */
  const QUERY: Record<string, string> = { month: '2022-06', area: CITY };
  const pathsOf = (path: string, query: readonly string[] = []): string[] => {
    if (path.startsWith('/api/standards/{id}'))
      return standards.standards.flatMap((s) => s.versions.map((v) => `/api/standards/${s.id}/${v.version}`));
    const filled = path
      .replace('/cities/{code}', `/cities/${CITY}`)
      .replace('/communities/{code}', `/communities/${community}`)
      .replace('{code}', COUNTY)
      .replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
    // With each query parameter the route knows (routes.json; any other is a 400) that has a value here.
    return [filled, ...query.filter((name) => QUERY[name]).map((name) => `${filled}?${name}=${QUERY[name]}`)];
  };
  for (const caller of CALLERS) {
    const token = await tokenOf(caller);
    const dir = join(out, caller.replace(':', '-'));
    mkdirSync(dir, { recursive: true });
    for (const route of routes.filter((r) => r.method === 'GET' && r.path !== '/api/openapi.json')) {
      for (const path of pathsOf(route.path, 'query' in route ? route.query : [])) {
        const answer = await get(token, path);
        // A campaign's id is drawn afresh on each seed: named by its place in the list, it compares across runs.
        const named = (text: string) => campaigns.campaigns.reduce((t, c, i) => t.replaceAll(c.id, `{campaign-${i + 1}}`), text);
        writeFileSync(join(dir, `${named(path.slice(5)).replace(/[/?=&]/g, '_')}.json`), named(`${JSON.stringify(answer, null, 1)}\n`));
      }
    }
  }
  console.log(`answers of ${CALLERS.length} callers written to ${out}`);
}

/** Each difference between two answers, by path: added, removed or changed. */
function differences(a: unknown, b: unknown, at: string, since: string, out: string[]) {
  const run = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && v >= since;
  if (run(a) && run(b)) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    for (const k of ka) {
      if (!(k in b)) out.push(`- ${at}.${k}`);
      else differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, since, out);
    }
    for (const k of kb) if (!(k in a)) out.push(`+ ${at}.${k}`);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`~ ${at}: ${JSON.stringify(a)?.slice(0, 80)} → ${JSON.stringify(b)?.slice(0, 80)}`);
}

function compare(before: string, after: string, since: string) {
  let equal = 0;
  const report: string[] = [];
  for (const caller of readdirSync(before)) {
    for (const file of readdirSync(join(before, caller))) {
      const [a, b] = [join(before, caller, file), join(after, caller, file)].map((f) => readFileSync(f, 'utf8'));
      if (a === b) {
        equal++;
        continue;
      }
      const out: string[] = [];
      differences(JSON.parse(a), JSON.parse(b), '', since, out);
      // Paths that differ only by an array index are one difference, said once.
      const kinds = [...new Set(out.map((line) => line.replace(/\.\d+(?=\.|$|:)/g, '[]')))];
      report.push(`${caller}/${file}: ${kinds.length ? '' : 'equal apart from the run’s own instants'}`);
      for (const k of kinds.slice(0, 30)) report.push(`    ${k}`);
      if (kinds.length > 30) report.push(`    … ${kinds.length - 30} more`);
    }
  }
  console.log(`${equal} answers byte-equal`);
  console.log(report.join('\n'));
}

const [mode, x, y, since] = process.argv.slice(2);
if (mode === 'dump' && x && y) await dump(x, y);
else if (mode === 'compare' && x && y) compare(x, y, since ?? process.env.TRACKER_NOW_UTC ?? '9999');
else {
  console.error('usage: demo-answers.ts dump <url> <dir> | compare <dir-before> <dir-after> <since: an ISO instant in UTC>');
  process.exit(2);
}
