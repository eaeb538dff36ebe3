// The bad-input corpus: hostile or broken requests (JSON, CSV in several encodings, XLSX, headers,
// paths, tokens), each with the documented 4xx it must get. Built in code so it stays reviewable.
import iconv from 'iconv-lite';
import { COLUMNS } from '#core/columns.js';
import { MEMBER_CATEGORY_IDS } from '#core/team.js';
import { csv, HEADER, teamRow } from '#tests/helpers/files.js';
import { goodTeam } from '#tests/helpers/team.js';

export const COUNTY = '450102';
export const COMMUNITY = '450102001003';
export const NAME = '兴宁社区居委会';

export interface BadCase {
  name: string;
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  /** A scope to sign a token for, or a raw Authorization header value, or none. */
  auth?: { scope: string } | { header: string } | null;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: number;
}

const team = goodTeam();
const put = (name: string, body: unknown, status = 400, extra: Partial<BadCase> = {}): BadCase => ({
  name,
  method: 'PUT',
  path: `/api/communities/${COMMUNITY}/team`,
  auth: { scope: `county:${COUNTY}` },
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  status,
  ...extra,
});
const upload = (name: string, body: Buffer, status = 400, headers: Record<string, string> = {}): BadCase => ({
  name,
  method: 'POST',
  path: `/api/counties/${COUNTY}/imports`,
  auth: { scope: `county:${COUNTY}` },
  headers: { 'content-type': 'text/csv', 'idempotency-key': `bad-${name.length}-${body.length}`, ...headers },
  body,
  status,
});

function jsonCases(): BadCase[] {
  const cases: BadCase[] = [
    put('empty body', ''),
    put('whitespace body', '   '),
    put('truncated JSON', '{"name": "队'),
    put('JSON array', '[1,2,3]'),
    put('JSON null', 'null'),
    put('JSON string', '"队伍"'),
    put('JSON number', '42'),
    put('trailing comma', '{"name":"x",}'),
    put('single quotes', "{'name':'x'}"),
    put('NaN literal', '{"insuredMembers": NaN}'),
    put('comments', '/* x */ {}'),
    put('BOM-prefixed JSON', `\uFEFF${JSON.stringify(team)}`),
    put('2 MB body', JSON.stringify({ ...team, name: 'x'.repeat(2 * 1024 * 1024) }), 413),
    put('100 KB name', JSON.stringify({ ...team, name: '队'.repeat(34_000) }), 413),
    put('unknown field', { ...team, colour: 'red' }),
    put('__proto__ field', `{"__proto__": {"admin": true}, ${JSON.stringify(team).slice(1)}`),
    put('constructor field', { ...team, constructor: { prototype: {} } }),
    put('empty object', {}),
    put('deeply nested', JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`)),
  ];
  for (const field of ['name', 'leader', 'establishedOn', 'members', 'rules', 'management', 'equipment', 'insuredMembers'] as const) {
    const { [field]: _omit, ...rest } = team;
    cases.push(put(`missing ${field}`, rest));
  }
  for (const k of MEMBER_CATEGORY_IDS) {
    cases.push(put(`negative ${k}`, { ...team, members: { ...team.members, [k]: -1 } }));
    cases.push(put(`fractional ${k}`, { ...team, members: { ...team.members, [k]: 2.5 } }));
    cases.push(put(`huge ${k}`, { ...team, members: { ...team.members, [k]: 1e12 } }));
    cases.push(put(`string ${k}`, { ...team, members: { ...team.members, [k]: '20' } }));
  }
  cases.push(
    put('negative insured', { ...team, insuredMembers: -5 }),
    put('insured as float', { ...team, insuredMembers: 1.1 }),
    put('equipment as 是', { ...team, equipment: '是' }),
    put('equipment as 1', { ...team, equipment: 1 }),
    put('charter missing', { ...team, rules: { memberCode: true, trainingDrills: true, assessment: true } }),
    put('establishment in the future', { ...team, establishedOn: '2099-01-01' }),
    put('training in the future', { ...team, lastTrainingOn: '2099-01-01' }),
    put('February 30', { ...team, establishedOn: '2023-02-30' }),
    put('slash date', { ...team, establishedOn: '2023/02/01' }),
    put('date with time', { ...team, establishedOn: '2023-02-01T00:00:00Z' }),
    put('year 0', { ...team, establishedOn: '0000-01-01' }),
    put('training before establishment', { ...team, establishedOn: '2022-01-01', lastTrainingOn: '2021-01-01' }),
    put('formula name =', { ...team, name: '=HYPERLINK("http://x","点我")' }),
    put('formula name +', { ...team, name: '+cmd|x' }),
    put('formula name -', { ...team, name: '-2+3' }),
    put('formula name @', { ...team, name: '@SUM(A1)' }),
    put('formula leader', { ...team, leader: { ...team.leader, name: '=1+1' } }),
    put('tab-led name', { ...team, name: '\t=1' }),
    put('101-char name', { ...team, name: '队'.repeat(101) }),
    put('empty name', { ...team, name: '' }),
    put('blank name', { ...team, name: '   ' }),
    put('name as number', { ...team, name: 12345 }),
    put('HK phone', { ...team, leader: { ...team.leader, phone: '+852 9123 4567' } }),
    put('10-digit mobile', { ...team, leader: { ...team.leader, phone: '1380013800' } }),
    put('12-digit mobile', { ...team, leader: { ...team.leader, phone: '138001380001' } }),
    put('mobile starting 12', { ...team, leader: { ...team.leader, phone: '12800138000' } }),
    put('letters in phone', { ...team, leader: { ...team.leader, phone: '1380013800a' } }),
    put('phone as number', { ...team, leader: { ...team.leader, phone: 13800138000 } }),
    put('leader extra field', { ...team, leader: { ...team.leader, idCard: '450102199001011234' } }),
    // Text that could forge a line in a plain-text email, read backwards, or hide itself.
    put('line break in name', { ...team, name: '民主队\n【通知】请汇款至' }),
    put('CR in name', { ...team, name: '民主队\r伪造' }),
    put('tab inside leader name', { ...team, leader: { ...team.leader, name: '李\t建华' } }),
    put('NUL in name', { ...team, name: '民主\u0000队' }),
    put('line separator in name', { ...team, name: '民主\u2028队' }),
    put('right-to-left override in name', { ...team, name: '民主队\u202Egnp.exe' }),
    put('isolate in leader name', { ...team, leader: { ...team.leader, name: '\u2067李建华\u2069' } }),
    put('zero-width-only name', { ...team, name: '\u200B\u200B\u200D' }),
    put('ideographic-space-only name', { ...team, name: '\u3000\u3000' }),
    put(
      'lone surrogate in name',
      `{"name":"\\ud800队",${JSON.stringify(team)
        .slice(1)
        .replace(/"name":"[^"]*",/, '')}`,
    ),
    put('BOM-only leader name', { ...team, leader: { ...team.leader, name: '\uFEFF' } }),
  );
  return cases;
}

function fileCases(): BadCase[] {
  const row = teamRow(COMMUNITY, NAME);
  const renamed = (from: string, to: string) => {
    if (!HEADER.includes(from)) throw new Error(`no header ${from} to rename`);
    return HEADER.map((h) => (h === from ? to : h));
  };
  const cases: BadCase[] = [
    upload('empty file', Buffer.alloc(0)),
    upload('only a BOM', Buffer.from([0xef, 0xbb, 0xbf])),
    upload('20 MB file', Buffer.alloc(20 * 1024 * 1024, 0x41), 413),
    upload('6 MB CSV', Buffer.alloc(6 * 1024 * 1024, 0x2c), 413),
    upload('PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')),
    upload('PDF', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n', 'latin1')),
    upload('ELF binary', Buffer.from('7f454c46020101000000000000000000', 'hex')),
    upload('old .xls', Buffer.from('d0cf11e0a1b11ae10000000000000000', 'hex')),
    upload('broken zip', Buffer.from('504b0304140000000800', 'hex'), 400, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    upload('zip of text', Buffer.from('504b030414000000000000000000000000000000000000000000', 'hex')),
    upload('plain sentence', Buffer.from('这不是表格，只是一句话。')),
    upload('HTML page', Buffer.from('<html><body><table><tr><td>社区</td></tr></table></body></html>')),
    upload('JSON instead of CSV', Buffer.from(JSON.stringify([{ 社区代码: COMMUNITY }]))),
    upload('header only: 社区代码', Buffer.from('社区代码\n450102001001\n')),
    upload('no 社区代码 column', csv([row.slice(1)], 'utf-8', HEADER.slice(1))),
    upload('GBK file, missing column', csv([row.slice(0, -4)], 'gbk', HEADER.slice(0, -4))), // 参保人数 and the optional columns after it
    upload('UTF-16 without header match', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a\tb\n1\t2\n', 'utf16le')])),
    upload('Big5 text', iconv.encode('社區代碼,名稱\n1,2\n', 'big5')),
    upload('Shift_JIS text', iconv.encode('コード,名前\n1,2\n', 'shift_jis')),
    upload('10,000 data rows', csv(Array.from({ length: 10_000 }, () => row))),
    upload('header in row 20', Buffer.from(`${'\n'.repeat(19) + HEADER.join(',')}\n`)),
  ];
  for (const column of COLUMNS.filter((c) => c.required)) {
    cases.push(upload(`header renamed: ${column.header}`, csv([row], 'utf-8', renamed(column.header, `${column.header}X`))));
  }
  cases.push(upload('duplicated header 退役军人', csv([row], 'utf-8', renamed('社区医疗服务中心医疗人员', '退役军人'))));
  cases.push(upload('duplicated header 社区代码 (English alias)', csv([row], 'utf-8', renamed('社区名称', 'communityCode'))));
  return cases;
}

function headerCases(): BadCase[] {
  const withMatch = (v: string) =>
    put(`If-Match ${JSON.stringify(v)}`, team, 400, { headers: { 'content-type': 'application/json', 'if-match': v } });
  return [
    withMatch('abc'),
    withMatch('0'),
    withMatch('-1'),
    withMatch('1.5'),
    withMatch('W/"x"'),
    withMatch('1e3x'),
    withMatch('0x7'),
    withMatch('1e0'),
    withMatch('+3'),
    withMatch('07'),
    withMatch('3,4'),
    withMatch('9'.repeat(12)),
    withMatch('"1'),
    withMatch('1"'),
    { ...upload('commit without Idempotency-Key', csv([teamRow(COMMUNITY, NAME)])), headers: { 'content-type': 'text/csv' } },
    upload('Idempotency-Key with spaces', csv([teamRow(COMMUNITY, NAME)]), 400, { 'idempotency-key': 'a b' }),
    upload('Idempotency-Key too long', csv([teamRow(COMMUNITY, NAME)]), 400, { 'idempotency-key': 'k'.repeat(101) }),
    upload('Idempotency-Key with slash', csv([teamRow(COMMUNITY, NAME)]), 400, { 'idempotency-key': '../../x' }),
    upload('multipart without a file', Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nv\r\n--b--\r\n'), 400, {
      'content-type': 'multipart/form-data; boundary=b',
    }),
    upload('multipart with a broken boundary', Buffer.from('garbage'), 400, { 'content-type': 'multipart/form-data; boundary=zz' }),
  ];
}

function pathCases(): BadCase[] {
  const get = (name: string, path: string, status: number, scope = 'province'): BadCase => ({
    name,
    method: 'GET',
    path,
    auth: { scope },
    status,
  });
  return [
    get('county code too short', '/api/counties/4501', 400),
    get('county code with letters', '/api/counties/45010x', 400),
    get('county outside Guangxi', '/api/counties/110101', 400),
    get('unknown county', '/api/counties/459999', 404),
    get('communities of unknown county', '/api/counties/459999/communities', 404),
    get('template of bad county', '/api/counties/abc/template.xlsx', 400),
    get('team with short code', '/api/communities/45010200100/team', 400),
    get('team with letters', '/api/communities/45010200100a/team', 400),
    get('team outside Guangxi', '/api/communities/110101001001/team', 400),
    get('team not registered', `/api/communities/${COUNTY}001099/team`, 404),
    get('history of none', `/api/communities/${COUNTY}001099/team/history`, 404),
    get('path traversal', '/api/counties/..%2F..%2Fetc%2Fpasswd', 400),
    get('NUL in path', '/api/counties/450102%00', 400),
    get('very long code', `/api/counties/${'4'.repeat(300)}`, 400),
    get('unicode code', '/api/counties/四五零一零二', 400),
    get('unknown route', '/api/nothing/here', 404),
    get('trailing slash', '/api/counties/', 404),
    get('month malformed', '/api/counties?month=2022-13', 400),
    get('month before the plan', '/api/counties?month=2020-01', 400),
    get('month in the future', '/api/counties?month=2099-01', 400),
    get('trend of bad area', '/api/trend?area=1', 400),
    get('retention of an area with no county', '/api/retention?area=4599', 404),
    get('summary month malformed', '/api/summaries/2022-6?scope=province', 400),
    get('summary scope malformed', '/api/summaries/2022-06?scope=everyone', 400),
    { name: 'PUT on a read route', method: 'PUT', path: '/api/counties', auth: { scope: 'province' }, body: '{}', status: 404 },
    { name: 'POST team', method: 'POST', path: `/api/communities/${COMMUNITY}/team`, auth: { scope: 'province' }, body: '{}', status: 404 },
    put('write to a community of another county', team, 403, { path: '/api/communities/450103001001/team' }),
    put('write to unknown community', team, 404, { path: `/api/communities/${COUNTY}001099/team` }),
    put('recipients for a bad scope', { emails: [] }, 400, { path: '/api/recipients/county-1', auth: { scope: 'province' } }),
    put('recipients not an address', { emails: ['x'] }, 400, { path: `/api/recipients/county-${COUNTY}` }),
    put('recipients for a county not in the registry', { emails: ['clerk@example.com'] }, 404, {
      path: '/api/recipients/county-459999',
      auth: { scope: 'province' },
    }),
    put('recipients for a city not in the registry', { emails: ['clerk@example.com'] }, 404, {
      path: '/api/recipients/city-4599',
      auth: { scope: 'province' },
    }),
    put('recipients with extra field', { emails: [], cc: [] }, 400, { path: `/api/recipients/county-${COUNTY}` }),
    get('malformed percent-encoding', '/api/counties/%E0%A4%A', 400),
    get('malformed percent-encoding in a team path', '/api/communities/%ZZ/team', 400),
    get('summary of a city that does not exist', '/api/summaries/2022-06?scope=city:4599', 404),
    get('a route that only starts like the outbox', '/api/dev/outboxXYZ', 404),
    get('summary of a county that does not exist', '/api/summaries/2022-06?scope=county:459999', 404),
    {
      name: 'reveal a phone of no team',
      method: 'POST',
      path: `/api/communities/${COUNTY}001099/team/phone`,
      auth: { scope: 'province' },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '核实' }),
      status: 404,
    },
    {
      name: 'erase without a reason',
      method: 'POST',
      path: `/api/communities/${COMMUNITY}/team/personal-data/erase`,
      auth: { scope: `county:${COUNTY}` },
      headers: { 'content-type': 'application/json' },
      body: '{}',
      status: 400,
    },
    {
      name: 'erase with a line break in the reason',
      method: 'POST',
      path: `/api/communities/${COMMUNITY}/team/personal-data/erase`,
      auth: { scope: `county:${COUNTY}` },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '离职\n伪造' }),
      status: 400,
    },
    {
      name: 'erase by a city',
      method: 'POST',
      path: `/api/communities/${COMMUNITY}/team/personal-data/erase`,
      auth: { scope: 'city:4501' },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '离职' }),
      status: 403,
    },
  ];
}

function devTokenCases(): BadCase[] {
  const token = (name: string, body: unknown, status: number, headers: Record<string, string> = {}): BadCase => ({
    name,
    method: 'POST',
    path: '/api/dev/token',
    auth: null,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    status,
  });
  return [
    token('dev token for another Host (DNS rebinding)', { scope: 'province' }, 403, { host: 'evil.example' }),
    token('dev token for a look-alike Host', { scope: 'province' }, 403, { host: '127.0.0.1.evil.example' }),
    token('dev token posing as the lapse job', { scope: 'province', user: 'system/lapse-job' }, 400),
    token('dev token user starting with system', { scope: 'province', user: 'system' }, 400),
    token('dev token user with a line break', { scope: 'province', user: 'clerk\nsystem' }, 400),
    token('dev token user not a string', { scope: 'province', user: { name: 'x' } }, 400),
  ];
}

function tokenCases(): BadCase[] {
  const h = (name: string, header: string): BadCase => ({ name, method: 'GET', path: '/api/counties', auth: { header }, status: 401 });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return [
    { name: 'no Authorization', method: 'GET', path: '/api/counties', auth: null, status: 401 },
    h('Bearer without token', 'Bearer'),
    h('Bearer with spaces', 'Bearer    '),
    h('Basic auth', 'Basic YWRtaW46YWRtaW4='),
    h('garbage token', 'Bearer not.a.jwt'),
    h('two parts', 'Bearer abc.def'),
    h('alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ 'cognito:groups': ['province'], exp: 4102444800 })}.`),
    h('HS256 with a guessed key', `Bearer ${b64({ alg: 'HS256' })}.${b64({ 'cognito:groups': ['province'] })}.c2lnbmF0dXJl`),
    h('tampered payload', 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJjb2duaXRvOmdyb3VwcyI6WyJwcm92aW5jZSJdfQ.AAAA'),
    h('token in lower-case scheme with junk', 'bearer x.y.z'),
    h('very long token', `Bearer ${'a'.repeat(8000)}.b.c`),
  ];
}

export function corpus(): BadCase[] {
  return [...jsonCases(), ...fileCases(), ...headerCases(), ...pathCases(), ...devTokenCases(), ...tokenCases()];
}

/**
 * Text a person can write, as a hostile one would: a formula, a forged line (a fake CSV row with a
 * phone), a bidi override, a zero-width character, a NUL, 5,001 characters. Each is refused, on every
 * route that takes text, naming the field.
 */
export const HOSTILE_TEXT: Record<string, string> = {
  formula: '=HYPERLINK("http://evil.example/x","点击查看")',
  forgedLine: '兴宁社区\n450102001099,伪造社区,13900000000',
  bidi: '社区\u202E名称',
  zeroWidth: '社区\u200B名称',
  nul: '社区\u0000名称',
  long: '长'.repeat(5001), // past every text's limit, a yearly summary's section (5,000) among them
};

/** A body with `value` at the dotted path (arrays by index), the rest as given. */
function withText(base: unknown, path: string, value: string): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

/** Each write route that takes text: a valid body, who sends it, and the text fields in it (`multiline`: line breaks allowed). */
export interface TextRoute {
  route: string;
  path: string;
  scope: string;
  body: unknown;
  /** `reported`: the field the refusal names, when not the path (a change row is named by its row). */
  fields: { path: string; multiline?: boolean; reported?: string }[];
  method: 'PUT' | 'POST';
}

export function textRoutes(standard: Record<string, unknown>): TextRoute[] {
  const { id: _id, version: _version, effectiveFrom: _from, ...draft } = standard;
  const standardFields = [
    { path: 'title.zh' },
    { path: 'title.en' },
    { path: 'source.document' },
    { path: 'rules.0.title.zh' },
    { path: 'rules.0.messages.tooFew.zh' },
  ];
  const change = { kind: 'rename', code: COMMUNITY, name: '新名称社区', reason: '村改居' };
  return [
    {
      route: 'POST /api/standards',
      method: 'POST',
      path: '/api/standards',
      scope: 'province',
      body: { ...standard, id: 'corpus-test', version: 1 },
      fields: standardFields,
    },
    {
      route: 'POST /api/standards/{id}/drafts',
      method: 'POST',
      path: '/api/standards/gx-2021/drafts',
      scope: 'province',
      body: draft,
      fields: standardFields,
    },
    {
      route: 'PUT /api/communities/{code}/team',
      method: 'PUT',
      path: `/api/communities/${COMMUNITY}/team`,
      scope: `county:${COUNTY}`,
      body: goodTeam(),
      fields: [{ path: 'name' }, { path: 'leader.name' }],
    },
    {
      route: 'POST /api/communities/{code}/roster',
      method: 'POST',
      path: `/api/communities/${COMMUNITY}/roster`,
      scope: `county:${COUNTY}`,
      body: { name: '周明', mobile: '13900112233', category: 'veterans', role: '队长', joined: '2023-03-01' },
      fields: [{ path: 'name' }, { path: 'role' }],
    },
    {
      route: 'POST /api/communities/{code}/roster/{id}/correct',
      method: 'POST',
      // the body is refused before the membership is looked for: no member needs to exist
      path: `/api/communities/${COMMUNITY}/roster/00000000-0000-4000-8000-000000000000/correct`,
      scope: `county:${COUNTY}`,
      body: { role: '副队长' },
      fields: [{ path: 'role' }],
    },
    {
      route: 'POST /api/communities/{code}/roster/{id}/erase',
      method: 'POST',
      // the body is refused before the membership is looked for: no member needs to exist
      path: `/api/communities/${COMMUNITY}/roster/00000000-0000-4000-8000-000000000000/erase`,
      scope: `county:${COUNTY}`,
      body: { reason: '本人申请' },
      fields: [{ path: 'reason' }],
    },
    {
      route: 'POST /api/communities/{code}/events',
      method: 'POST',
      // the body is refused before the roster is read: no member needs to exist
      path: `/api/communities/${COMMUNITY}/events`,
      scope: `county:${COUNTY}`,
      body: { kind: 'drill', date: '2023-05-12', hours: 2, title: '防汛演练', attendees: ['00000000-0000-4000-8000-000000000000'] },
      fields: [{ path: 'title' }, { path: 'summary' }],
    },
    {
      route: 'POST /api/communities/{code}/events/{id}/withdraw',
      method: 'POST',
      path: `/api/communities/${COMMUNITY}/events/00000000-0000-4000-8000-000000000000/withdraw`,
      scope: `county:${COUNTY}`,
      body: { reason: '误录' },
      fields: [{ path: 'reason' }],
    },
    {
      route: 'POST /api/communities/{code}/team/phone',
      method: 'POST',
      path: `/api/communities/${COMMUNITY}/team/phone`,
      scope: `county:${COUNTY}`,
      body: { reason: '核实' },
      fields: [{ path: 'reason' }],
    },
    {
      route: 'POST /api/communities/{code}/team/personal-data/erase',
      method: 'POST',
      path: `/api/communities/${COMMUNITY}/team/personal-data/erase`,
      scope: `county:${COUNTY}`,
      body: { reason: '离职' },
      fields: [{ path: 'reason' }],
    },
    {
      route: 'POST /api/counties/{code}/reports/{month}',
      method: 'POST',
      path: `/api/counties/${COUNTY}/reports/2026-11`,
      scope: `county:${COUNTY}`,
      body: { note: '本月无变化' },
      fields: [{ path: 'note' }],
    },
    ...(['county', 'city', 'province'] as const).map(
      (kind): TextRoute => ({
        route: `PUT /api/${kind === 'city' ? 'cities' : kind === 'county' ? 'counties' : 'province'}/${kind === 'province' ? 'annual' : '{code}/annual'}/{year}`,
        method: 'PUT',
        path:
          kind === 'county'
            ? `/api/counties/${COUNTY}/annual/2026`
            : kind === 'city'
              ? '/api/cities/4501/annual/2026'
              : '/api/province/annual/2026',
        scope: kind === 'county' ? `county:${COUNTY}` : kind === 'city' ? 'city:4501' : 'province',
        body: { sections: { overview: '全年组建队伍。' } },
        fields: [{ path: 'sections.overview', multiline: true }],
      }),
    ),
    {
      route: 'POST /api/campaigns',
      method: 'POST',
      path: '/api/campaigns',
      scope: 'province',
      body: { name: '2026 年督导检查', year: 2026, area: '45', deadline: '2026-12-31' },
      fields: [{ path: 'name' }],
    },
    {
      route: 'PUT /api/campaigns/{id}/checks/{communityCode}',
      method: 'PUT',
      path: `/api/campaigns/none/checks/${COMMUNITY}`,
      scope: 'province',
      body: { method: 'unreachable', note: '电话无人接听' },
      fields: [{ path: 'note' }, { path: 'evidence' }],
    },
    {
      route: 'POST /api/counties/{code}/discrepancies',
      method: 'POST',
      path: `/api/counties/${COUNTY}/discrepancies`,
      scope: `county:${COUNTY}`,
      body: { campaignId: 'none', communityCode: COMMUNITY, action: 'disputed', reason: '队伍实有 22 人' },
      fields: [{ path: 'reason' }],
    },
    {
      route: 'POST /api/registry/changes',
      method: 'POST',
      path: '/api/registry/changes?dryRun=true',
      scope: 'province',
      body: { effectiveFrom: '2026-12-01', source: '民政部门文件', note: '说明', changes: [change] },
      fields: [
        { path: 'source' },
        { path: 'note' },
        { path: 'changes.0.name', reported: 'row 1' },
        { path: 'changes.0.reason', reported: 'row 1' },
      ],
    },
  ];
}

/** Mistyped fields, a body that is no object, and keys no standard defines: the review's cases, each naming its field. */
/** A bad request, the route it is sent to, and the field its refusal must name. */
type PolicyCase = BadCase & { route: string; field: string };

function strictBodyCases(): PolicyCase[] {
  const json = (route: string, method: 'PUT' | 'POST', path: string, scope: string, body: string, field: string, name: string) => ({
    route,
    name: `${route}: ${name}`,
    method,
    path,
    auth: { scope },
    headers: { 'content-type': 'application/json' },
    body,
    status: 400,
    field,
  });
  const annual = `/api/counties/${COUNTY}/annual/2026`;
  const check = `/api/campaigns/none/checks/${COMMUNITY}`;
  return [
    json(
      'PUT /api/counties/{code}/annual/{year}',
      'PUT',
      annual,
      `county:${COUNTY}`,
      '{"sections":{"overview":"全年"},"submit":"true"}',
      'submit',
      'submit as the text "true"',
    ),
    json(
      'PUT /api/counties/{code}/annual/{year}',
      'PUT',
      annual,
      `county:${COUNTY}`,
      '{"sections":{"overview":"全年"},"sumbit":true}',
      'sumbit',
      'submit misspelt',
    ),
    json(
      'POST /api/counties/{code}/reports/{month}',
      'POST',
      `/api/counties/${COUNTY}/reports/2026-11`,
      `county:${COUNTY}`,
      '[]',
      '(body)',
      'an array for a body',
    ),
    json(
      'PUT /api/campaigns/{id}/checks/{communityCode}',
      'PUT',
      check,
      'province',
      '{"method":"unreachable","note":"无人接听","rules":{"constructor":true}}',
      'constructor',
      'a rule named constructor',
    ),
    json(
      'PUT /api/campaigns/{id}/checks/{communityCode}',
      'PUT',
      check,
      'province',
      '{"method":"unreachable","note":"无人接听","rules":{"made-up-1":true,"made-up-2":false}}',
      'rules.made-up-1',
      'rules the standard does not have, on an unreachable check',
    ),
    json(
      'PUT /api/communities/{code}/team',
      'PUT',
      `/api/communities/${COMMUNITY}/team`,
      `county:${COUNTY}`,
      `{"roles":{"__proto__":1},${JSON.stringify(goodTeam()).slice(1)}`,
      '__proto__',
      'a role named __proto__',
    ),
  ];
}

/** Every text field of every text route, with every hostile text (line breaks allowed where a field is multi-line); and an unknown field on each. */
export function inputPolicyCases(standard: Record<string, unknown>): PolicyCase[] {
  return textRoutes(standard)
    .flatMap((r): PolicyCase[] => {
      const base = {
        method: r.method,
        path: r.path,
        auth: { scope: r.scope },
        headers: { 'content-type': 'application/json' },
        status: 400,
        route: r.route,
      };
      return [
        ...r.fields.flatMap((f) =>
          Object.entries(HOSTILE_TEXT)
            .filter(([kind]) => !(f.multiline && kind === 'forgedLine'))
            .map(([kind, text]) => ({
              ...base,
              name: `${r.route} ${f.path}: ${kind}`,
              field: f.reported ?? f.path,
              body: JSON.stringify(withText(r.body, f.path, text)),
            })),
        ),
        {
          ...base,
          name: `${r.route}: an unknown field`,
          field: 'surprise',
          body: JSON.stringify({ ...(r.body as object), surprise: true }),
        },
      ];
    })
    .concat(strictBodyCases());
}
