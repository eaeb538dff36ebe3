// Simulated demo history (模拟演示数据): a deterministic story per community, build-out along the
// plan then yearly renewals with some churn, so a fresh install shows figures with a realistic
// shape. Pure: same seed and date, same teams.
import type { Standard } from '#core/standard.js';
import { addDays, addMonths, addMonthsToMonth, type IsoDate, type IsoMonth } from '#core/dates.js';
import type { MonthReport } from '#core/reporting.js';
import { MEMBER_CATEGORY_IDS, type TeamInput } from '#core/team.js';
import type { CountyRegistry } from '#store/store.js';
import { zeroCounters, type Counters } from '#core/aggregate.js';

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
  ['2021-05-01', 0],
  ['2021-12-31', 0.53],
  ['2022-12-31', 0.83],
  ['2023-12-31', 0.985],
  ['2024-12-31', 1],
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
  if (r < 0.08) return 0.86 + r; // a few behind
  if (r > 0.8) return 1.02 + (r - 0.8) * 0.3; // some ahead
  return 0.975 + (r - 0.08) * 0.07; // most near the curve
}

const SURNAMES = '李黄韦陈梁覃莫蒙罗刘杨农卢周廖潘谭何吴苏'.split('');
const GIVEN = ['建华', '志强', '秀英', '海燕', '文军', '丽娟', '国庆', '桂芳', '明', '勇', '春梅', '永忠', '小红', '德文', '卫东', '红霞'];
/** A simulated name: a surname and a given name, two draws. */
export const demoName = (rnd: () => number) => SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)];

/**
 * The mobile prefix of the demo's people, leaders and members: China reserves no fictional range, and 154 is a
 * block of the numbering plan allocated to no operator, so a demo number reaches no one.
 */
export const DEMO_MOBILE_PREFIX = '154';
/** A demo mobile number from a random draw in [0, 1). */
export const demoMobile = (draw: number) => `${DEMO_MOBILE_PREFIX}${String(Math.floor(draw * 1e8)).padStart(8, '0')}`;
const RULE_FAULTS = ['members-min', 'insurance', 'training', 'written-rules', 'equipment', 'management'] as const;

/** A stretch in which a team did not meet the standard after it first did: a renewal late, or the team lost. */
export interface Gap {
  /** First day not meeting the standard. */
  from: IsoDate;
  /** Last day not meeting it; null while it lasts (a team lost, or a renewal still outstanding). */
  to: IsoDate | null;
  reason: 'insurance' | 'training';
}

export interface DemoTeam {
  communityCode: string;
  team: TeamInput;
  /** The story behind today's team, for the month-end history. */
  story: { establishedOn: IsoDate; metOn: IsoDate | null; gaps: Gap[]; faults: string[] };
  /** When the team renewed earlier this month: the team as it stood before (the seed writes both, so "renewed this month" has its record). */
  before?: TeamInput;
}

/** Chance, at each yearly renewal, that a team renews late (and for how long), or is lost for good. */
const LATE = 0.07;
const LOST = 0.004;

/**
 * The team of one community as it stands on `today`, or null if it has none yet. Build-out along
 * the plan's curve; then each year on its anniversary the team renews its insurance (and drills):
 * most on time, some a few weeks late (not meeting the standard meanwhile), a few never.
 */
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
    const k =
      r < 0.3
        ? 'communityStaff'
        : r < 0.45
          ? 'veterans'
          : r < 0.5
            ? 'formerFirefighters'
            : r < 0.6
              ? 'localUnitStaff'
              : r < 0.66
                ? 'medicalStaff'
                : r < 0.74
                  ? 'propertySecurity'
                  : r < 0.96
                    ? 'volunteers'
                    : 'purchasedServices';
    members[k] += 1;
  }
  const name = demoName(rnd);
  rnd(); // the draw that chose an operator's prefix before the demo's numbers moved to 154: kept, so the story's draws after it stay as they were
  const leader = { name, phone: demoMobile(rnd()) };

  // The yearly renewals, anniversary by anniversary up to today: late ones leave a gap, a lost team an open one.
  const gaps: Gap[] = [];
  let policyEnd = addMonths(establishedOn, 12); // the policy in force ends on the anniversary (24:00)
  let renewedOn: IsoDate | null = null; // the last renewal up to today
  let previousEnd: IsoDate | null = null; // the policy before the last renewal
  for (let k = 1; reachable && startedOn; k++) {
    const anniversary = addMonths(establishedOn, 12 * k);
    if (anniversary >= today) break;
    const r = rnd();
    const delay = 10 + Math.floor(rnd() * 70);
    const reason = rnd() < 0.7 ? 'insurance' : 'training';
    const renew = () => {
      previousEnd = policyEnd;
      policyEnd = addMonths(establishedOn, 12 * (k + 1));
    };
    if (anniversary < startedOn) {
      renew();
      continue;
    } // renewed while still being built up
    if (r < LOST) {
      gaps.push({ from: addDays(anniversary, 1), to: null, reason: 'insurance' });
      break;
    } // the team is lost: nothing renewed
    const late = r < LOST + LATE;
    const on = late ? addDays(anniversary, delay) : addDays(anniversary, -Math.floor(rnd() * 25));
    if (late) gaps.push({ from: addDays(anniversary, 1), to: on > today ? null : addDays(on, -1), reason });
    // A renewal late on its drills still renewed the policy on time; one late on the policy has not, until it is done.
    if (on > today) {
      if (reason === 'training') renew();
      break;
    }
    renewedOn = on;
    renew();
  }
  const open = gaps.find((g) => g.to === null);
  const team: TeamInput = {
    name: `${communityName.replace(/(社区居委会|村委会|居委会|社区|村)$/, '')}八桂应急先锋社区响应队`,
    leader,
    establishedOn,
    members,
    rules: { charter: true, memberCode: true, trainingDrills: true, assessment: true },
    management: { commandSystem: true, serviceHours: true, attendance: true },
    equipment: true,
    insuredMembers: total,
    insuranceExpiresOn: policyEnd,
    // Trained in the last months, but never before the team existed.
    lastTrainingOn: [addDays(today, -Math.floor(rnd() * 200)), establishedOn].sort()[1], // the later of two ISO dates
  };
  if (open?.reason === 'insurance') team.insuranceExpiresOn = addDays(open.from, -1);
  if (open?.reason === 'training') team.lastTrainingOn = addDays(addMonths(addDays(open.from, -1), -12), 0);
  // Teams the pace never reaches fall short on one or two named rules.
  const faults: string[] = [];
  if (!reachable) {
    faults.push(RULE_FAULTS[Math.floor(rnd() * RULE_FAULTS.length)]);
    if (rnd() < 0.3) faults.push(RULE_FAULTS[Math.floor(rnd() * RULE_FAULTS.length)]);
  }
  for (const f of faults) {
    if (f === 'members-min') {
      const keep = 8 + Math.floor(rnd() * 11);
      for (const k of MEMBER_CATEGORY_IDS) members[k] = Math.min(members[k], Math.max(0, keep - MEMBER_CATEGORY_IDS.indexOf(k) * 3));
      team.insuredMembers = MEMBER_CATEGORY_IDS.reduce((s, k) => s + members[k], 0);
    }
    if (f === 'insurance') team.insuranceExpiresOn = addDays(today, -1 - Math.floor(rnd() * 120));
    if (f === 'training')
      team.lastTrainingOn = fromMs(Math.max(toMs(establishedOn), toMs(addMonths(today, -13)) - Math.floor(rnd() * 200) * DAY));
    if (f === 'written-rules') team.rules = { ...team.rules!, assessment: false, ...(rnd() < 0.5 ? { trainingDrills: false } : {}) };
    if (f === 'equipment') team.equipment = false;
    if (f === 'management') team.management = { ...team.management!, serviceHours: false };
  }
  if (team.insuranceExpiresOn && team.insuranceExpiresOn <= establishedOn) team.insuranceExpiresOn = addDays(establishedOn, 1);
  if (team.lastTrainingOn && team.lastTrainingOn < establishedOn) team.lastTrainingOn = establishedOn;
  // A renewal earlier this month: the team as it stood just before (the policy that had ended).
  const before =
    !open && renewedOn && previousEnd && renewedOn.slice(0, 7) === today.slice(0, 7)
      ? { ...team, insuranceExpiresOn: previousEnd }
      : undefined;
  return {
    communityCode,
    team,
    story: { establishedOn, metOn: reachable ? startedOn : null, gaps, faults },
    ...(before ? { before } : {}),
  };
}

/**
 * A demo team as another standard also asks for it: the roles it names held (each at its minimum, two
 * more where it asks for several) and its own checklist ticked, so a programme judged by its own standard
 * (龙泉市's 1+1+N and 六个有) has teams that can meet it. What the team already says is kept.
 */
export function fitToStandard(team: TeamInput, standard: Standard): TeamInput {
  const roles = { ...(team.roles ?? {}) };
  const checklist = { ...(team.checklist ?? {}) };
  for (const rule of standard.rules) {
    if (rule.kind === 'roles')
      for (const role of rule.roles) roles[role.id] ??= role.min + (rule.roles.length > 2 && role === rule.roles.at(-1) ? 2 : 0);
    if (rule.kind === 'checklist') for (const item of rule.items) if (!item.field) checklist[item.id] ??= true;
  }
  return {
    ...team,
    ...(Object.keys(roles).length ? { roles } : {}),
    ...(Object.keys(checklist).length ? { checklist } : {}),
  };
}

/**
 * A county's figures at a month's end, told from its teams' stories: registered once established,
 * meeting the standard from the day it first did, except in its gaps. A team not meeting it fails
 * its own faults; while new, `training` (no drill held yet); in a gap, that gap's reason.
 */
export function demoFigures(teams: DemoTeam[], monthEnd: IsoDate): Counters {
  const c = zeroCounters();
  for (const { team, story } of teams) {
    if (story.establishedOn > monthEnd) continue;
    c.teamsRegistered += 1;
    c.members += MEMBER_CATEGORY_IDS.reduce((s, k) => s + team.members[k], 0);
    const gap = story.gaps.find((g) => g.from <= monthEnd && (g.to === null || monthEnd <= g.to));
    const meeting = story.metOn !== null && story.metOn <= monthEnd && !gap;
    if (meeting) {
      c.teamsMeetingStandard += 1;
      continue;
    }
    const failed: string[] = gap ? [gap.reason] : story.metOn === null ? story.faults : ['training'];
    for (const id of new Set(failed)) c.failures[id] = (c.failures[id] ?? 0) + 1;
  }
  return c;
}

/** Every demo team of a county as it stands on `today`. */
export function demoCounty(registry: CountyRegistry, today: IsoDate): DemoTeam[] {
  const pace = countyPace(registry.code);
  return registry.communities.map(([code, name]) => demoTeam(code, name, pace, today)).filter((t): t is DemoTeam => t !== null);
}

/**
 * A county's simulated monthly reports (模拟演示数据) from the first month tracked to `today`'s: most
 * months reported or confirmed (本月无变化) by the deadline, some late, a few missed; counties that
 * run behind miss more. This month holds only what was done by `now` (the end of `today` unless
 * given). Times are Shanghai office hours, as UTC instants.
 */
export function demoReports(
  countyCode: string,
  from: IsoMonth,
  today: IsoDate,
  deadlineDay: number,
  now = `${today}T23:59:59.999+08:00`,
): MonthReport[] {
  const out: MonthReport[] = [];
  const behind = countyPace(countyCode) < 0.95;
  const current = today.slice(0, 7);
  for (let month = from; month <= current; month = addMonthsToMonth(month, 1)) {
    const r = random(`report:${countyCode}:${month}`);
    const roll = r();
    const missed = behind ? 0.12 : 0.03;
    const late = missed + (behind ? 0.15 : 0.07);
    if (roll < missed) continue;
    const day = roll < late ? deadlineDay + 1 + Math.floor(r() * 3) : 1 + Math.floor(r() * deadlineDay);
    const date = `${month}-${String(day).padStart(2, '0')}`;
    if (date > today) continue; // not yet, this month
    const at = new Date(
      `${date}T${String(9 + Math.floor(r() * 8)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00+08:00`,
    ).toISOString();
    if (at > new Date(now).toISOString()) continue; // later today: not yet
    const by = `county:${countyCode}/demo-clerk`;
    out.push(
      r() < 0.25
        ? { countyCode, month, writes: 0, confirmedAt: at, confirmedBy: by, demo: true }
        : { countyCode, month, writes: 1 + Math.floor(r() * 12), firstWriteAt: at, lastWriteAt: at, lastBy: by, demo: true },
    );
  }
  return out;
}
