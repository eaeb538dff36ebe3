// The activity log on DynamoDB Local, through the use cases: an event names the roster's members who took part
// and judges the team again (a logged drill is the training the standard asks for); events recorded at the same
// moment all land; a withdrawal keeps the record and takes it out of the verdict; a wrong event writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keysFor } from '#store/keys.js';
import { getActivity, recordActivity, withdrawActivity } from '#app/activity.js';
import { addMember, endMember } from '#app/roster.js';
import { getTeam, getTeamHistory, saveTeam } from '#app/teams.js';
import { getCounty, listCounties } from '#app/reads.js';
import { createCampaign, putCheck } from '#app/campaigns.js';
import type { Caller } from '#app/caller.js';
import { fixedClock, testStack } from '#tests/helpers/stack.js';
import { goodTeam } from '#tests/helpers/team.js';

const [XINGNING, QINGXIU] = ['450102', '450103'];
const clerk = (county: string): Caller => ({ scope: { kind: 'county', code: county }, user: `clerk-${county}` });

describe('the activity log on DynamoDB Local', () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  const clock = fixedClock('2023-06-15T04:00:00Z');
  let team: string;
  let other: string;
  const members: string[] = [];
  let leaver = '';
  beforeAll(async () => {
    stack = await testStack({ counties: [XINGNING, QINGXIU], clock });
    team = stack.registries.find((r) => r.code === XINGNING)!.communities[0][0];
    other = stack.registries.find((r) => r.code === QINGXIU)!.communities[0][0];
    // a team with no training on record: it fails the standard's training rule only
    await saveTeam(stack.deps, clerk(XINGNING), team, goodTeam({ lastTrainingOn: null, drills: [] }), null);
    await saveTeam(stack.deps, clerk(QINGXIU), other, goodTeam(), null);
    for (let i = 0; i < 21; i++) {
      const m = await addMember(stack.deps, clerk(XINGNING), team, {
        name: `队员${i}`,
        mobile: `1390000${String(i).padStart(4, '0')}`,
        category: 'volunteers',
        joined: '2023-01-01',
        insuredThrough: '2023-12-31',
      });
      members.push(m.id);
    }
    leaver = members.pop()!;
    await endMember(stack.deps, clerk(XINGNING), team, leaver, { left: '2023-05-01' });
  });

  const drill = (extra: Record<string, unknown> = {}) => ({
    kind: 'drill',
    date: '2023-06-10',
    hours: 2,
    title: '防汛转移演练',
    attendees: members.slice(0, 12),
    ...extra,
  });
  const state = async () => {
    const [t, log] = await Promise.all([getTeam(stack.deps, clerk(XINGNING), team), getActivity(stack.deps, clerk(XINGNING), team)]);
    return { version: t.version, meets: t.verdict.meetsStandard, failed: t.verdict.failed.map((f) => f.ruleId), events: log.events.length };
  };

  it('judges the team again: a logged drill is the training the standard asks for, and its withdrawal undoes it', async () => {
    const before = await state();
    expect(before).toMatchObject({ meets: false, failed: ['training'], events: 0 });
    const recorded = await recordActivity(stack.deps, clerk(XINGNING), team, drill({ summary: '联系人 139 1234 5678，已到场' }));
    // a phone typed into the text is kept masked, as a note's is
    expect(recorded.summary).toBe('联系人 139****5678，已到场');
    expect(recorded.attendees).toHaveLength(12);
    expect(recorded.attendees[0]).toEqual({ id: members[0], name: '队员0' });
    expect(await state()).toMatchObject({ version: before.version + 1, meets: true, events: 1 });
    const t = await getTeam(stack.deps, clerk(XINGNING), team);
    // the verdict holds until the drill is 12 months old; the team's answer carries no log
    expect(t.verdict.holdsUntil! <= '2024-06-10').toBe(true);
    expect(t.team).not.toHaveProperty('log');

    const withdrawn = await withdrawActivity(stack.deps, clerk(XINGNING), team, recorded.id, { reason: '日期录错' });
    expect(withdrawn.withdrawn).toMatchObject({ by: `county:${XINGNING}/clerk-${XINGNING}`, reason: '日期录错' });
    expect(await state()).toMatchObject({ version: before.version + 2, meets: false, failed: ['training'], events: 1 });
    // withdrawn once only; the history says why
    await expect(withdrawActivity(stack.deps, clerk(XINGNING), team, recorded.id, { reason: '再撤' })).rejects.toMatchObject({
      code: 'ALREADY_THERE',
    });
    const history = await getTeamHistory(stack.deps, clerk(XINGNING), team);
    expect(history.history[0]).toMatchObject({ source: 'activity' });
    expect(JSON.stringify(history.history[0])).toContain('日期录错');
  });

  it('lands every one of ten events recorded at the same moment, the county aggregate exact', async () => {
    const before = await state();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        recordActivity(stack.deps, clerk(XINGNING), team, drill({ date: `2023-05-${String(10 + i).padStart(2, '0')}`, title: `演练${i}` })),
      ),
    );
    const after = await state();
    expect(after).toMatchObject({ version: before.version + 10, events: before.events + 10, meets: true });
    expect((await stack.store.reconcile()).drift).toEqual([]);
  });

  it('gives the year’s 场次, 人次 and hours, and each member’s attendance', async () => {
    const log = await getActivity(stack.deps, clerk(XINGNING), team);
    expect(log.period).toEqual({ from: '2023-01-01', to: '2023-06-15' });
    expect(log.tally.drill).toEqual({ events: 10, attendances: 120, memberHours: 240 });
    // the county's tally, kept on its aggregate by every write (the withdrawn drill taken off again), as its pages read it
    expect((await getCounty(stack.deps, clerk(XINGNING).scope, XINGNING)).practices).toEqual({ year: '2023', events: 10, people: 120 });
    const listed = await listCounties(stack.deps, { kind: 'province' });
    expect(listed.counties.find((c) => c.code === XINGNING)?.practices).toEqual({ year: '2023', events: 10, people: 120 });
    expect(listed.totals.practices).toEqual({ year: '2023', events: 10, people: 120 });
    expect(log.attendance.find((a) => a.member === members[0])).toMatchObject({ name: '队员0', events: 10, hours: 20, last: '2023-05-19' });
    // a member who took part in none is listed with none; so is the leaver, on the team for part of the year
    expect(log.attendance.find((a) => a.member === members[19])).toMatchObject({ events: 0, last: null });
    expect(log.attendance.some((a) => a.member === leaver)).toBe(true);
    expect(JSON.stringify(log)).not.toContain('1390000');
    // another year: nothing
    expect((await getActivity(stack.deps, clerk(XINGNING), team, '2022')).tally.drill.events).toBe(0);
    await expect(getActivity(stack.deps, clerk(XINGNING), team, '2024')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('finds a county tally that drifted from its teams’ logs, and corrects it', async () => {
    await stack.doc.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: keysFor('45').aggregate(XINGNING),
        UpdateExpression: 'ADD practice_2023_events :five, practice_2019_people :two, rev :one',
        ExpressionAttributeValues: { ':five': 5, ':two': 2, ':one': 1 },
      }),
    );
    const found = await stack.store.reconcile();
    expect(found.drift.map((d) => [d.countyCode, d.practices?.stored['2023.events'], d.practices?.recounted['2023.events']])).toEqual([
      [XINGNING, 15, 10],
    ]);
    await stack.store.reconcile({ fix: true, now: clock.now().toISOString() });
    expect((await stack.store.reconcile()).drift).toEqual([]);
    expect((await stack.store.getAggregate(XINGNING))?.practices).toEqual({ '2023.events': 10, '2023.people': 120 });
  });

  it('refuses a wrong event with a clear reason, and writes nothing', async () => {
    const before = await state();
    const refusals: [Record<string, unknown>, string][] = [
      [drill({ date: '2023-06-16' }), '不能晚于今天'],
      [drill({ attendees: [leaver] }), '队员20 在 2023-06-10 不在本队名册中'],
      [drill({ date: '2022-12-31' }), '队员0'],
      [drill({ attendees: ['00000000-0000-4000-8000-000000000000'] }), '00000000-0000-4000-8000-000000000000'],
      [drill({ hours: 100 }), '时长'],
      [drill({ attendees: [] }), '至少选择一名'],
      [drill({ title: '=HYPERLINK("x")' }), '内容'],
    ];
    for (const [body, words] of refusals) {
      const e = await recordActivity(stack.deps, clerk(XINGNING), team, body).catch((err: unknown) => err);
      expect((e as { code?: string }).code, JSON.stringify(body)).toBe('VALIDATION_FAILED');
      expect(JSON.stringify((e as { message?: unknown }).message) + JSON.stringify(e), JSON.stringify(body)).toContain(words);
    }
    // the same event sent twice (a retry): 409, once only; a member's day past 24 hours: refused, naming them
    await expect(recordActivity(stack.deps, clerk(XINGNING), team, drill({ date: '2023-05-10', title: '演练0' }))).rejects.toMatchObject({
      code: 'ALREADY_THERE',
    });
    const overfull = await recordActivity(
      stack.deps,
      clerk(XINGNING),
      team,
      drill({ date: '2023-05-10', title: '通宵值守', hours: 23 }),
    ).catch((e: unknown) => e);
    expect(overfull).toMatchObject({ code: 'VALIDATION_FAILED', msg: { id: 'activity.hours.overfull' } });
    expect(String((overfull as Error).message)).toContain('超过 24 小时');
    // another county's team: not its to write, nor its members to name
    await expect(recordActivity(stack.deps, clerk(QINGXIU), team, drill())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordActivity(stack.deps, clerk(XINGNING), other, drill())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordActivity(stack.deps, clerk(QINGXIU), other, drill())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(withdrawActivity(stack.deps, clerk(XINGNING), team, 'nope', { reason: '误录' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await state()).toEqual(before);
  });
});

describe('a 督导检查 against a roster', () => {
  it('records the members the inspector met, and a discrepancy names those not met by their place on the roster', async () => {
    const stack = await testStack({ counties: [XINGNING], clock: fixedClock('2023-06-15T04:00:00Z') });
    const province: Caller = { scope: { kind: 'province' }, user: 'inspector' };
    const campaign = await createCampaign(stack.deps, province, { name: '名册核查', year: 2023, area: '45', deadline: '2023-12-31' });
    const sampled = campaign.counties[XINGNING]!.sample![0];
    await saveTeam(stack.deps, clerk(XINGNING), sampled, goodTeam(), null);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(
        (
          await addMember(stack.deps, clerk(XINGNING), sampled, {
            name: `核查队员${i}`,
            mobile: `1391111${String(i).padStart(4, '0')}`,
            category: 'volunteers',
            joined: `2023-0${i + 1}-01`,
          })
        ).id,
      );
    const rules = Object.fromEntries(
      ['members-min', 'written-rules', 'management', 'equipment', 'insurance', 'training'].map((r) => [r, true]),
    );
    const found = { method: 'visit', teamExists: true, members: 4, rules };
    // a member not on the roster as it stood is refused, and nothing is written
    await expect(
      putCheck(stack.deps, province, campaign.id, sampled, { ...found, met: ['00000000-0000-4000-8000-000000000000'] }, null),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const check = await putCheck(stack.deps, province, campaign.id, sampled, { ...found, met: [ids[0], ids[3]] }, null);
    expect(check.reported.roster).toEqual(ids);
    expect(check.findings).toContainEqual({ field: 'roster', reported: 4, found: 2, missing: [2, 3] });
    expect(JSON.stringify(check)).not.toContain('1391111');
    // met them all at a second visit: no roster finding
    const again = await putCheck(stack.deps, province, campaign.id, sampled, { ...found, met: ids }, check.version);
    expect(again.findings.filter((f) => f.field === 'roster')).toEqual([]);
  });
});
