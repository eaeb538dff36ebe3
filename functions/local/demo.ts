// Simulated demo history (模拟演示数据): a deterministic rollout story per community, so a fresh
// install shows figures with a realistic shape. Pure: same seed and date, same teams.
import { addDays, addMonths, type IsoDate } from '../core/dates.js';
import { MEMBER_CATEGORY_IDS, type TeamInput } from '../core/team.js';
import type { CountyRegistry } from '../store/store.js';
import { zeroCounters, type Counters } from '../core/aggregate.js';
import type { RuleId } from '../core/rules.js';

/** mulberry32 over a 32-bit hash of the key: a small, well-known deterministic PRNG. */
export function random(key: string): () => number {
  let h = 1779033703 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The province's typical curve of communities meeting the standard, near the plan's milestones. */
const CURVE: [IsoDate, number][] = [
  ['2021-05-01', 0], ['2021-12-31', 0.53], ['2022-12-31', 0.83], ['2023-12-31', 0.985], ['2024-12-31', 1],
];

const DAY = 86_400_000;
const toMs = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date at which the curve reaches share `s`, or null if it never does. */
function dateAtShare(s: number): IsoDate | null {
  for (let i = 1; i < CURVE.length; i++) {
    const [d0, s0] = CURVE[i - 1];
    const [d1, s1] = CURVE[i];
    if (s <= s1) return fromMs(toMs(d0) + ((s - s0) / (s1 - s0)) * (toMs(d1) - toMs(d0)));
  }
  return null;
}

/** How far ahead (> 1) or behind (< 1) a county runs: most near 1, some ahead, a few well behind. */
export function countyPace(countyCode: string): number {
  const r = random(`pace:${countyCode}`)();
  if (r < 0.08) return 0.78 + r;          // a few behind
  if (r > 0.8) return 1.02 + (r - 0.8) * 0.3; // some ahead
  return 0.95 + (r - 0.08) * 0.09;        // most near the curve
}

const SURNAMES = '李黄韦陈梁覃莫蒙罗刘杨农卢周廖潘谭何吴苏'.split('');
const GIVEN = ['建华', '志强', '秀英', '海燕', '文军', '丽娟', '国庆', '桂芳', '明', '勇', '春梅', '永忠', '小红', '德文', '卫东', '红霞'];
const RULE_FAULTS = ['members-min', 'insurance', 'training', 'written-rules', 'equipment', 'management'] as const;

export interface DemoTeam {
  communityCode: string;
  team: TeamInput;
  /** The story behind today's team, for the month-end history. */
  story: { establishedOn: IsoDate; metOn: IsoDate | null; lapsedOn: IsoDate | null; faults: RuleId[] };
}

/** The team of one community as it stands on `today`, or null if it has none yet. */
export function demoTeam(communityCode: string, communityName: string, pace: number, today: IsoDate): DemoTeam | null {
  const rnd = random(`team:${communityCode}`);
  const u = rnd();
  const metOn = dateAtShare(Math.min(1, u / pace));
  const reachable = u / pace <= 1;
  // Communities the county's pace never reaches: most have a team that falls short, some none yet.
  if (!reachable && rnd() < 0.35) return null;
  const startedOn = metOn && metOn <= today ? metOn : null;
  if (!startedOn && reachable) return null; // not reached yet on `today`
  const establishedOn = fromMs(Math.max(toMs('2021-05-15'), toMs(startedOn ?? '2023-06-01') - Math.floor(rnd() * 90) * DAY));
  if (establishedOn > today) return null;

  const members = Object.fromEntries(MEMBER_CATEGORY_IDS.map((k) => [k, 0])) as TeamInput['members'];
  const total = 20 + Math.floor(rnd() * 26);
  for (let i = 0; i < total; i++) {
    const r = rnd();
    const k = r < 0.3 ? 'communityStaff' : r < 0.45 ? 'veterans' : r < 0.5 ? 'formerFirefighters' : r < 0.6 ? 'localUnitStaff'
      : r < 0.66 ? 'medicalStaff' : r < 0.74 ? 'propertySecurity' : r < 0.96 ? 'volunteers' : 'purchasedServices';
    members[k] += 1;
  }
  // Yearly insurance renewed from establishment; training every few months until recently.
  const yearsIn = Math.max(0, Math.floor((toMs(today) - toMs(establishedOn)) / (365.25 * DAY)));
  const team: TeamInput = {
    name: `${communityName.replace(/(社区居委会|村委会|居委会|社区|村)$/, '')}应急先锋社区响应队`,
    leader: { name: SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)], phone: `1${3 + Math.floor(rnd() * 6)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}` },
    establishedOn,
    members,
    rules: { charter: true, memberCode: true, trainingDrills: true, assessment: true },
    management: { commandSystem: true, serviceHours: true, attendance: true },
    equipment: true,
    insuredMembers: total,
    insuranceExpiresOn: addMonths(establishedOn, 12 * (yearsIn + 1)),
    lastTrainingOn: ((d) => (d < establishedOn ? establishedOn : d))(addDays(today, -Math.floor(rnd() * 200))),
  };
  // Teams the pace never reaches fall short on one or two named rules; a few that did meet the
  // standard have since lapsed (insurance not renewed, no training for over a year).
  const faults: RuleId[] = [];
  if (!reachable) {
    faults.push(RULE_FAULTS[Math.floor(rnd() * RULE_FAULTS.length)]);
    if (rnd() < 0.3) faults.push(RULE_FAULTS[Math.floor(rnd() * RULE_FAULTS.length)]);
  } else if (pace < 1.02 && rnd() < 0.035) {
    faults.push(rnd() < 0.5 ? 'insurance' : 'training');
  }
  for (const f of faults) {
    if (f === 'members-min') {
      const keep = 8 + Math.floor(rnd() * 11);
      for (const k of MEMBER_CATEGORY_IDS) members[k] = Math.min(members[k], Math.max(0, keep - MEMBER_CATEGORY_IDS.indexOf(k) * 3));
      team.insuredMembers = MEMBER_CATEGORY_IDS.reduce((s, k) => s + members[k], 0);
    }
    if (f === 'insurance') team.insuranceExpiresOn = addDays(today, -1 - Math.floor(rnd() * 120));
    if (f === 'training') team.lastTrainingOn = fromMs(Math.max(toMs(establishedOn), toMs(addMonths(today, -13)) - Math.floor(rnd() * 200) * DAY));
    if (f === 'written-rules') team.rules = { ...team.rules!, assessment: false, ...(rnd() < 0.5 ? { trainingDrills: false } : {}) };
    if (f === 'equipment') team.equipment = false;
    if (f === 'management') team.management = { ...team.management!, serviceHours: false };
  }
  if (team.insuranceExpiresOn && team.insuranceExpiresOn <= establishedOn) team.insuranceExpiresOn = addDays(establishedOn, 1);
  const lapsedOn = !reachable ? null
    : faults.includes('insurance') ? team.insuranceExpiresOn
    : faults.includes('training') && team.lastTrainingOn ? addDays(addMonths(team.lastTrainingOn, 12), 1)
    : null;
  return { communityCode, team, story: { establishedOn, metOn: reachable ? startedOn : null, lapsedOn, faults } };
}

/**
 * A county's figures at a month's end, told from its teams' stories: registered once established,
 * meeting the standard from the day it first did until it lapsed. A team not yet meeting it fails
 * its own faults, or, while new, `training` (no drill held yet).
 */
export function demoFigures(teams: DemoTeam[], monthEnd: IsoDate): Counters {
  const c = zeroCounters();
  for (const { team, story } of teams) {
    if (story.establishedOn > monthEnd) continue;
    c.teamsRegistered += 1;
    c.members += MEMBER_CATEGORY_IDS.reduce((s, k) => s + team.members[k], 0);
    const meeting = story.metOn !== null && story.metOn <= monthEnd && !(story.lapsedOn && story.lapsedOn <= monthEnd);
    if (meeting) { c.teamsMeetingStandard += 1; continue; }
    const failed: RuleId[] = story.metOn === null ? story.faults : story.metOn > monthEnd ? ['training'] : story.faults;
    for (const id of new Set(failed)) c.failures[id] = (c.failures[id] ?? 0) + 1;
  }
  return c;
}

/** Every demo team of a county as it stands on `today`. */
export function demoCounty(registry: CountyRegistry, today: IsoDate): DemoTeam[] {
  const pace = countyPace(registry.code);
  return registry.communities
    .map(([code, name]) => demoTeam(code, name, pace, today))
    .filter((t): t is DemoTeam => t !== null);
}
