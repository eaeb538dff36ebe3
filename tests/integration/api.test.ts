import { tenancyOf } from '#app/deps.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodTeam } from '#tests/helpers/team.js';
import { testServer } from '#tests/helpers/server.js';
import { LOCAL_ANSWERS } from '#contract/local.js';

const COUNTY = '450102'; // 兴宁区, 南宁市
const NEIGHBOUR = '450103'; // 青秀区, 南宁市
const ELSEWHERE = '450202'; // 城中区, 柳州市

describe('HTTP API through the local server', () => {
  let s: Awaited<ReturnType<typeof testServer>>;
  let community: string;
  let neighbourCommunity: string;
  const token: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer({ counties: [COUNTY, NEIGHBOUR, ELSEWHERE] });
    community = s.registries.find((r) => r.code === COUNTY)!.communities[0][0];
    neighbourCommunity = s.registries.find((r) => r.code === NEIGHBOUR)!.communities[0][0];
    for (const scope of ['province', 'city:4501', 'city:4502', `county:${COUNTY}`, `county:${NEIGHBOUR}`])
      token[scope] = await s.tokenFor(scope);
  });
  afterAll(() => s.close());

  it('health answers without a token', async () => {
    expect(await s.call('GET', '/api/health')).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('the dev token route issues tokens only for valid scopes', async () => {
    const ok = await s.call('POST', '/api/dev/token', { body: { scope: 'county:450102' } });
    expect(ok.status).toBe(200);
    // The answer the sign-in page's types are taken from (functions/contract/local.ts), and nothing beside it.
    expect(LOCAL_ANSWERS['POST /api/dev/token'].safeParse(ok.json).success).toBe(true);
    const bad = await s.call('POST', '/api/dev/token', { body: { scope: 'county:999' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/scope 必须是/);
  });

  it('a query parameter the route does not know is refused, on a read as on a write', async () => {
    const auth = { token: token.province };
    expect((await s.call('GET', '/api/counties?month=2022-06', auth)).status).toBe(200);
    const typo = await s.call('GET', '/api/counties?mnth=2022-06', auth);
    expect(typo.status).toBe(400);
    expect(typo.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      messageId: 'query.unknown',
      params: { name: 'mnth', known: 'month' },
    });
    // A name sent twice reaches the function as API Gateway gives it (joined by a comma): no month, a 400.
    const twice = await s.call('GET', '/api/counties?month=2022-06&month=2022-07', auth);
    expect(twice.status).toBe(400);
    const none = await s.call('GET', `/api/counties/${COUNTY}?month=2022-06`, auth);
    expect(none.status).toBe(400);
    expect(none.json.error).toMatchObject({ messageId: 'query.none', params: { name: 'month' } });
    const english = await s.call('GET', '/api/programme?debug=1', { ...auth, headers: { 'accept-language': 'en' } });
    expect(english.json.error.message).toBe('This route takes no query parameters (got "debug"): the request was not carried out');
  });

  describe('tokens', () => {
    it.each([
      ['missing', async () => undefined],
      ['forged (signed by another key)', async () => s.forgedToken()],
      ['expired', async () => s.expiredToken()],
      ['garbage', async () => 'not.a.jwt'],
    ])('a %s token gets 401 with a Chinese message', async (_label, make) => {
      const res = await s.call('GET', '/api/counties', { token: await make() });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHORIZED');
      expect(res.json.error.message).toMatch(/登录|令牌/);
    });
  });

  it('the same scope check accepts a Cognito-shaped event, as API Gateway hands it to Lambda', async () => {
    const { createReadHandler } = await import('#api/read.js');
    const handler = createReadHandler(() => tenancyOf(s.deps));
    // What the HTTP API's JWT authorizer passes for a Cognito ID token: array claims flattened to "[a b]".
    const event = (code: string) =>
      ({
        version: '2.0',
        routeKey: 'GET /api/counties/{code}',
        rawPath: `/api/counties/${code}`,
        rawQueryString: '',
        headers: {},
        pathParameters: { code },
        isBase64Encoded: false,
        requestContext: {
          requestId: 'r1',
          routeKey: 'GET /api/counties/{code}',
          authorizer: {
            jwt: {
              scopes: null,
              claims: {
                sub: '7f3c',
                iss: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_abc',
                'cognito:username': 'xingning-clerk',
                'cognito:groups': `[county-${COUNTY}]`,
                token_use: 'id',
                aud: 'client123',
              },
            },
          },
        },
      }) as never;
    expect((await handler(event(COUNTY))).statusCode).toBe(200);
    expect((await handler(event(NEIGHBOUR))).statusCode).toBe(403);
  });

  describe('reads by scope', () => {
    it('the province sees every loaded county and totals that add up', async () => {
      const res = await s.call('GET', '/api/counties', { token: token.province });
      expect(res.status).toBe(200);
      expect(res.json.counties.map((c: { code: string }) => c.code)).toEqual([COUNTY, NEIGHBOUR, ELSEWHERE]);
      const sum = res.json.counties.reduce((a: number, c: { communities: number }) => a + c.communities, 0);
      expect(res.json.totals.communities).toBe(sum);
      expect(res.json.totals.plannedCommunities).toBe(16197);
      expect(res.json.cities.map((c: { code: string }) => c.code).sort()).toEqual(['4501', '4502']);
    });

    it('a city sees only its counties, a county only itself', async () => {
      const city = await s.call('GET', '/api/counties', { token: token['city:4501'] });
      expect(city.json.counties.map((c: { code: string }) => c.code)).toEqual([COUNTY, NEIGHBOUR]);
      const county = await s.call('GET', '/api/counties', { token: token[`county:${COUNTY}`] });
      expect(county.json.counties.map((c: { code: string }) => c.code)).toEqual([COUNTY]);
      expect(county.json.totals.plannedCommunities).toBeUndefined();
    });

    it('another city or county is refused with 403', async () => {
      expect((await s.call('GET', `/api/counties/${COUNTY}`, { token: token['city:4502'] })).status).toBe(403);
      expect((await s.call('GET', `/api/counties/${COUNTY}/communities`, { token: token[`county:${NEIGHBOUR}`] })).status).toBe(403);
      expect((await s.call('GET', `/api/communities/${community}/team`, { token: token[`county:${NEIGHBOUR}`] })).status).toBe(403);
    });

    it('the programme lists milestones and the rules with their thresholds', async () => {
      const res = await s.call('GET', '/api/programme', { token: token['city:4502'] });
      expect(res.json.milestones).toEqual([
        { due: '2021-12-31', target: 0.5 },
        { due: '2022-12-31', target: 0.8 },
        { due: '2023-12-31', target: 1 },
      ]);
      expect(res.json.ruleSet.params).toEqual({
        minMembers: 20,
        trainingWithinMonths: 12,
        insuranceCoversEndDate: true,
        earliestDate: '2000-01-01',
        insuranceYearsAhead: 5,
      });
      expect(res.json.ruleSet.rules.map((r: { id: string }) => r.id)).toEqual([
        'members-min',
        'written-rules',
        'management',
        'equipment',
        'insurance',
        'training',
      ]);
    });

    it('the rankings workbook holds coverage as a percentage-formatted number and deadlines as dates, the CSV the same figures', async () => {
      const { default: Excel } = await import('exceljs');
      const res = await s.call('GET', '/api/exports/counties.xlsx', { token: token.province });
      expect(res.status).toBe(200);
      const book = new Excel.Workbook();
      await book.xlsx.load(res.bytes as never);
      const sheet = book.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const coverage = sheet.getRow(2).getCell(header.indexOf('达标覆盖率') + 1);
      const due = sheet.getRow(2).getCell(header.indexOf('完成时限') + 1);
      expect(typeof coverage.value).toBe('number');
      expect(coverage.numFmt).toBe('0.0%');
      expect(sheet.getRow(2).getCell(header.indexOf('当前目标') + 1).numFmt).toBe('0.0%'); // the milestone's target is a share too
      expect(due.value).toBeInstanceOf(Date);
      expect(due.numFmt).toBe('yyyy-mm-dd');
      const csv = (await s.call('GET', '/api/exports/counties.csv', { token: token.province })).text
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1]
        .split(',');
      expect(Number(csv[header.indexOf('达标覆盖率')])).toBe(coverage.value);
      expect((due.value as Date).toISOString().slice(0, 10)).toBe(csv[header.indexOf('完成时限')]);
      // today's rosters beside the figures, as the counties list gives them (typed counts, 自报人数（无名册）, where no roster)
      const list = (await s.call('GET', '/api/counties', { token: token.province })).json;
      const first = list.counties[0];
      expect(sheet.getRow(2).getCell(header.indexOf('自报人数（无名册）') + 1).value).toBe(first.rosters.typed);
      expect(Number(csv[header.indexOf('有名册队伍')])).toBe(first.rosters.withRoster);
    });

    it('an unknown route and a team not yet registered are 404', async () => {
      expect((await s.call('GET', '/api/nothing', { token: token.province })).status).toBe(404);
      const none = await s.call('GET', `/api/communities/${community.slice(0, 11)}9/team`, { token: token.province });
      expect(none.status).toBe(404);
    });
  });

  describe('writing a team', () => {
    it('creates, reads back and updates a team with versions, and the county figures follow', async () => {
      const code = s.registries.find((r) => r.code === COUNTY)!.communities[5][0];
      const t = token[`county:${COUNTY}`];
      const created = await s.call('PUT', `/api/communities/${code}/team`, { token: t, body: goodTeam({ equipment: false }) });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ version: 1, verdict: { meetsStandard: false, failed: [{ ruleId: 'equipment' }] } });
      expect(created.json.updatedBy).toBe(`county:${COUNTY}/demo-county-${COUNTY}`);
      let county = await s.call('GET', `/api/counties/${COUNTY}`, { token: t });
      const registered = county.json.teamsRegistered;
      const meeting = county.json.teamsMeetingStandard;

      const updated = await s.call('PUT', `/api/communities/${code}/team`, { token: t, body: goodTeam(), headers: { 'if-match': '1' } });
      expect(updated.status).toBe(200);
      expect(updated.json).toMatchObject({ version: 2, verdict: { meetsStandard: true } });
      county = await s.call('GET', `/api/counties/${COUNTY}`, { token: t });
      expect(county.json).toMatchObject({ teamsRegistered: registered, teamsMeetingStandard: meeting + 1 });
      const township = county.json.townships.find((tw: { code: string }) => tw.code === code.slice(0, 9));
      expect(township.teamsMeetingStandard).toBeGreaterThanOrEqual(1);
      const sum = county.json.townships.reduce((a: number, tw: { teamsMeetingStandard: number }) => a + tw.teamsMeetingStandard, 0);
      expect(sum).toBe(county.json.teamsMeetingStandard);

      const read = await s.call('GET', `/api/communities/${code}/team`, { token: token['city:4501'] });
      expect(read.json).toMatchObject({ version: 2, team: { name: goodTeam().name } });
      expect(read.headers.get('etag')).toBe('2');
      const list = await s.call('GET', `/api/counties/${COUNTY}/communities`, { token: t });
      expect(list.json.communities.find((c: { code: string }) => c.code === code)).toMatchObject({ status: 'meets-standard' });
    });

    it('a stale If-Match gets 409 with the current version, and nothing changes', async () => {
      const code = s.registries.find((r) => r.code === COUNTY)!.communities[6][0];
      const t = token.province;
      await s.call('PUT', `/api/communities/${code}/team`, { token: t, body: goodTeam() });
      await s.call('PUT', `/api/communities/${code}/team`, { token: t, body: goodTeam({ name: '第二版' }), headers: { 'if-match': '1' } });
      const before = await s.snapshot();
      const stale = await s.call('PUT', `/api/communities/${code}/team`, {
        token: t,
        body: goodTeam({ name: '过时' }),
        headers: { 'if-match': '1' },
      });
      expect(stale.status).toBe(409);
      expect(stale.json.error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
      expect(stale.json.error.message).toMatch(/已被他人修改/);
      expect(stale.json.error.details).toEqual([
        { currentVersion: 2, messageId: 'conflict.current.version', params: { version: 2 }, message: '当前版本为 2' },
      ]);
      const english = await s.call('PUT', `/api/communities/${code}/team`, {
        token: t,
        body: goodTeam({ name: '过时' }),
        headers: { 'if-match': '1', 'accept-language': 'en' },
      });
      expect(english.json.error.details[0].message).toBe('The version stored now is 2');
      const createAgain = await s.call('PUT', `/api/communities/${code}/team`, { token: t, body: goodTeam() });
      expect(createAgain.status).toBe(409);
      expect(await s.snapshot()).toBe(before);
    });
  });

  describe('bad input gets a 4xx in Chinese and writes nothing', () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const cases: [
      string,
      () => { scope: string; code?: string; raw?: string; body?: unknown; headers?: Record<string, string> },
      number,
      RegExp,
    ][] = [
      ['a malformed JSON body', () => ({ scope: `county:${COUNTY}`, raw: '{"name": "队' }), 400, /不是有效的 JSON/],
      ['an empty body', () => ({ scope: `county:${COUNTY}`, raw: '' }), 400, /为空/],
      ['a 2 MB body', () => ({ scope: `county:${COUNTY}`, raw: JSON.stringify({ ...goodTeam(), name: big }) }), 413, /超过/],
      ['negative counts', () => ({ scope: `county:${COUNTY}`, body: goodTeam({ insuredMembers: -3 }) }), 400, /队伍信息有误/],
      [
        'more insured than members (9999 of 24)',
        () => ({ scope: `county:${COUNTY}`, body: goodTeam({ insuredMembers: 9999 }) }),
        400,
        /队伍信息有误/,
      ],
      [
        'non-integer counts',
        () => ({ scope: `county:${COUNTY}`, body: { ...goodTeam(), members: { ...goodTeam().members, veterans: 1.5 } } }),
        400,
        /队伍信息有误/,
      ],
      [
        'an establishment date in the future',
        () => ({ scope: `county:${COUNTY}`, body: goodTeam({ establishedOn: '2030-01-01' }) }),
        400,
        /队伍信息有误/,
      ],
      [
        'a training date in the future',
        () => ({ scope: `county:${COUNTY}`, body: goodTeam({ lastTrainingOn: '2023-06-16' }) }),
        400,
        /队伍信息有误/,
      ],
      [
        'a drill dated after today',
        () => ({ scope: `county:${COUNTY}`, body: goodTeam({ drills: ['2023-01-10', '2099-12-31'] }) }),
        400,
        /队伍信息有误/,
      ],
      [
        'a role named constructor',
        () => ({ scope: `county:${COUNTY}`, raw: JSON.stringify({ ...goodTeam(), roles: { constructor: 1 } }) }),
        400,
        /constructor/,
      ],
      [
        'a count named __proto__',
        () => ({ scope: `county:${COUNTY}`, raw: `{"extra":{"__proto__":1},${JSON.stringify(goodTeam()).slice(1)}` }),
        400,
        /__proto__/,
      ],
      [
        'a checklist item named prototype',
        () => ({ scope: `county:${COUNTY}`, raw: JSON.stringify({ ...goodTeam(), checklist: { prototype: true } }) }),
        400,
        /prototype/,
      ],
      [
        'a checklist item the standard in force does not define',
        () => ({ scope: `county:${COUNTY}`, body: goodTeam({ checklist: { stretcher: true } }) }),
        400,
        /队伍信息有误/,
      ],
      ['an unknown community code', () => ({ scope: 'province', code: `${COUNTY}999999`, body: goodTeam() }), 404, /不在登记名册中/],
      ['a malformed community code', () => ({ scope: 'province', code: '12345', body: goodTeam() }), 400, /格式不对/],
      [
        "a community outside the caller's county",
        () => ({ scope: `county:${COUNTY}`, code: neighbourCommunity, body: goodTeam() }),
        403,
        /无权修改/,
      ],
      ['a city writing', () => ({ scope: 'city:4501', body: goodTeam() }), 403, /无权修改/],
      ['a bad If-Match', () => ({ scope: `county:${COUNTY}`, body: goodTeam(), headers: { 'if-match': 'abc' } }), 400, /If-Match/],
    ];
    it.each(cases)('%s', async (_label, make, status, message) => {
      const c = make();
      const before = await s.snapshot();
      const res = await s.call('PUT', `/api/communities/${c.code ?? community}/team`, {
        token: token[c.scope] ?? (await s.tokenFor(c.scope)),
        raw: c.raw,
        body: c.body,
        headers: c.headers,
      });
      expect(res.status).toBe(status);
      expect(res.json.error.message).toMatch(message);
      expect(await s.snapshot()).toBe(before);
    });

    it('field-level details name each wrong field', async () => {
      const res = await s.call('PUT', `/api/communities/${community}/team`, {
        token: token[`county:${COUNTY}`],
        body: { ...goodTeam(), equipment: 'maybe', leader: { name: '李', phone: '12345' } },
      });
      expect(res.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['equipment', 'leader.phone']);
    });
  });

  describe('messages in the caller’s language (Accept-Language), each with its id and parameters', () => {
    const HAN = /[\p{Script=Han}（）：，、。；]/u;
    it('a bad team in English: the error and each field named in English; without the header, in Chinese', async () => {
      const body = { ...goodTeam(), name: '', members: { ...goodTeam().members, veterans: -1 } };
      const english = await s.call('PUT', `/api/communities/${community}/team`, {
        token: token[`county:${COUNTY}`],
        body,
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(english.status).toBe(400);
      expect(english.json.error).toMatchObject({ code: 'VALIDATION_FAILED', messageId: 'team.invalid', params: {} });
      expect(english.json.error.message).toBe("The team's details have errors: correct them as shown and submit again");
      expect(english.json.error.details).toEqual(
        expect.arrayContaining([
          { field: 'name', messageId: 'field.required', params: expect.any(Object), message: 'Team name is required' },
          { field: 'members.veterans', messageId: 'field.negative', params: expect.any(Object), message: 'Veterans may not be negative' },
        ]),
      );
      expect(JSON.stringify(english.json.error.details.map((d: { message: string }) => d.message))).not.toMatch(HAN);
      const chinese = await s.call('PUT', `/api/communities/${community}/team`, { token: token[`county:${COUNTY}`], body });
      expect(chinese.json.error.message).toBe('队伍信息有误，请按提示修改后重新提交');
      expect(chinese.json.error.details.map((d: { message: string }) => d.message)).toEqual(
        expect.arrayContaining(['队伍名称不能为空', '退役军人不能为负数']),
      );
    });

    it('a 403 and a 404 in English', async () => {
      const forbidden = await s.call('GET', `/api/counties/${NEIGHBOUR}/communities`, {
        token: token[`county:${COUNTY}`],
        headers: { 'accept-language': 'en' },
      });
      expect(forbidden.status).toBe(403);
      expect(forbidden.json.error).toMatchObject({
        messageId: 'error.forbidden.read',
        params: { county: NEIGHBOUR },
        message: `You may not read the figures of county ${NEIGHBOUR}`,
      });
      const missing = await s.call('GET', `/api/communities/${community.slice(0, 11)}9/team`, {
        token: token.province,
        headers: { 'accept-language': 'en' },
      });
      expect(missing.json.error.message).not.toMatch(HAN);
    });

    it('an import row’s reasons in English, the file’s own column and value as they are', async () => {
      const file = `社区代码,社区名称,队伍名称,退役军人\r\n${community},x,,-1\r\n`;
      const res = await s.call('POST', `/api/counties/${COUNTY}/imports?dryRun=true`, {
        token: token[`county:${COUNTY}`],
        raw: new TextEncoder().encode(file),
        headers: { 'content-type': 'text/csv', 'accept-language': 'en' },
      });
      expect(res.status).toBe(400); // the template's other columns are missing: the file is refused whole
      expect(res.json.error.messageId).toBe('import.header.missing');
      expect(res.json.error.message).toMatch(/^Missing columns: /);
    });
  });
});
