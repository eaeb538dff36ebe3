// Simulated activity logs (模拟) for the demo's teams that keep a roster: the practices the team typed (its drill
// dates, its last training) recorded with the members who took part, a yearly training before them, and the
// call-outs (汛期 most) and service hours a real log holds. No practice is later than the typed ones, and no
// drill is added to the typed ones: a team's verdict is the same judged with its log as without. Pure: same
// rosters and date, same log.
import { createHash } from 'node:crypto';
import type { ActivityEvent, ActivityKind } from '#core/activity.js';
import { addDays, addMonths, type IsoDate } from '#core/dates.js';
import { activeOn } from '#core/roster-counts.js';
import type { TeamInput } from '#core/team.js';
import type { StoredMembership } from '#store/roster.js';
import { random } from './demo.js';

/** How far back the demo's logs reach. */
const YEARS = 3;

const CALLOUTS = ['山洪转移群众（模拟）', '台风前巡查加固（模拟）', '内涝排水（模拟）', '火情初期处置（模拟）', '走失老人搜寻（模拟）'];
const SERVICES = ['社区安全隐患排查（模拟）', '防灾减灾宣传（模拟）', '大型活动秩序维护（模拟）'];

/** An event id as the API hands them out (UUID-shaped), from the community and the event's place: the same on every seed. */
const idOf = (communityCode: string, n: number) => {
  const h = createHash('sha256').update(`demo-event:${communityCode}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The events of one demo team with a roster, oldest first. */
export function demoActivity(
  communityCode: string,
  team: TeamInput,
  memberships: readonly StoredMembership[],
  today: IsoDate,
): ActivityEvent[] {
  const rnd = random(`activity:${communityCode}`);
  const from = [team.establishedOn, addMonths(today, -12 * YEARS)].sort()[1];
  const out: ActivityEvent[] = [];
  const add = (kind: ActivityKind, title: string, date: IsoDate, hours: number, share: number) => {
    if (date < from || date > today) return;
    const on = memberships.filter((m) => activeOn(m, date));
    const attendees = on.filter(() => rnd() < share).map((m) => m.id);
    if (!attendees.length) return;
    out.push({
      id: idOf(communityCode, out.length),
      community: communityCode,
      kind,
      date,
      hours,
      title,
      summary: '',
      attendees,
      recordedAt: `${date}T09:30:00.000Z`,
      recordedBy: 'seed/demo',
    });
  };
  const last = team.lastTrainingOn;
  // Where the standard counts drills (the team has drill dates to type), only the typed ones are logged as drills;
  // elsewhere the yearly practice is a drill or a training, either of which the training rule reads.
  const practice = (): [ActivityKind, string] =>
    team.drills === undefined && rnd() < 0.5 ? ['drill', '综合应急演练（模拟）'] : ['training', '年度业务培训（模拟）'];
  if (last) {
    // the typed last training, and one a year before it while the team was there
    for (let y = 0; y < YEARS; y++) add(...practice(), addMonths(last, -12 * y), 3, y ? 0.8 : 0.85);
  }
  for (const d of team.drills ?? []) add('drill', '综合应急演练（模拟）', d, 2, 0.75);
  // call-outs in the flood season, and service over the year: neither is a practice the rules read
  for (let y = 0; y < YEARS; y++) {
    const year = Number(today.slice(0, 4)) - y;
    if (rnd() < 0.6)
      add('callout', CALLOUTS[Math.floor(rnd() * CALLOUTS.length)], addDays(`${year}-06-01`, Math.floor(rnd() * 80)), 4, 0.4);
    for (let k = 0; k < 2; k++)
      add('service', SERVICES[Math.floor(rnd() * SERVICES.length)], addDays(`${year}-01-10`, Math.floor(rnd() * 330)), 2, 0.3);
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
