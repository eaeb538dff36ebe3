// Use cases of supervision campaigns (督导检查): the province (any area) or a city (its own
// counties) creates one; its sample is drawn per county from the registry version in force, by the
// published seed; inspectors record checks (never the audited county); results classify each
// county by LQAS and estimate verified coverage with intervals. A county sees no campaign or sample.
import { inArea } from '#core/area.js';
import { createHash, randomBytes } from 'node:crypto';
import {
  areaResult,
  countyResult,
  decisionRule,
  judgeCheck,
  METHODS,
  parseCampaign,
  parseCheck,
  ruleFor,
  verificationText,
  type CampaignProgress,
  type CheckInput,
  type CountyResult,
  type Reported,
} from '#core/campaign.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#core/errors.js';
import { message, reasonOf } from '#core/messages/index.js';
import { coverage } from '#core/aggregate.js';
import { byRosterOrder, countsOn, membersFrom } from '#core/roster-counts.js';
import type { IsoMonth } from '#core/dates.js';
import { lastEndedMonth, monthEndInstant } from '#core/record.js';
import { inScope, versionOn } from '#core/registry.js';
import { drawSample } from '#core/sampling.js';
import { maskLeader } from '#core/personal.js';
import {
  assertCanRead,
  checkCommunityCode,
  checkCountyCode,
  cityOfCounty,
  countyOfCommunity,
  formatScope,
  type Scope,
} from '#core/scope.js';
import { answerConflict, type Answer, type Campaign, type StoredCheck } from '#store/campaigns.js';
import { inForce, today, type Deps, rootArea } from './deps.js';
import { monthFigures } from './months.js';
import type { Caller } from './caller.js';
import { bodyOf, plainTextOf } from './input.js';
import { answerBody } from '#contract/bodies.js';

/** Who may see a campaign (its design, progress and results) and who may record its checks. */
function rights(scope: Scope, area: string): { read: boolean; inspect: boolean } {
  if (scope.kind === 'province') return { read: true, inspect: true };
  if (scope.kind === 'city') {
    const own = area === scope.code;
    // A city reads a campaign over an area holding it (the province's) or its own; it inspects only in its own.
    return { read: inArea(area, scope.code), inspect: own };
  }
  return { read: false, inspect: false };
}

function assertRead(caller: Caller, c: { area: string }) {
  if (caller.scope.kind === 'county') throw new ForbiddenError(message('campaign.county.noSample'));
  if (!rights(caller.scope, c.area).read) throw new ForbiddenError(message('campaign.read.forbidden'));
}

async function reportedNow(deps: Deps, code: string): Promise<Reported> {
  const team = await deps.store.getTeam(code);
  const counted = team && !team.excluded ? team : null;
  // With a roster: the members it counts today, in its order, for the inspector to tick off by place
  const asOf = today(deps.clock);
  const roster =
    counted && membersFrom(counted.team) === 'roster'
      ? (await deps.store.listRoster(code))
          .filter((m) => countsOn(m, asOf))
          .sort(byRosterOrder)
          .map((m) => m.id)
      : null;
  return {
    exists: Boolean(counted),
    members: counted?.members ?? 0,
    failed: counted?.verdict.failed.map((f) => f.ruleId) ?? [],
    ...(roster ? { roster } : {}),
  };
}

/** The counties a caller may see of a campaign (a city: its own). */
const visibleCounties = (scope: Scope, codes: string[]) =>
  scope.kind === 'city' ? codes.filter((c) => cityOfCounty(c) === scope.code) : codes;

/** A writer's office without the person's user name: what readers outside the organiser see of `by`. */
const office = (by: string) => by.split('/')[0];
/** `by` as a caller sees it in a campaign over `area`: in full for the organiser, else the office. */
const byFor = (scope: Scope, area: string, by: string) => (rights(scope, area).inspect ? by : office(by));

/** An answer as one entry of the next answer's history. */
const historyEntry = (a: Answer) => ({
  status: a.status,
  ...(a.reason ? { reason: a.reason } : {}),
  ...(a.reasonMessage ? { reasonMessage: a.reasonMessage } : {}),
  by: a.by,
  at: a.at,
});

const ruleIds = (deps: Deps) => inForce(deps).ruleSet.rules.map((r) => r.id);

/**
 * The seed is the tracker's to draw (an organiser who could choose it could choose its sample); its
 * SHA-256 is shown from the start, the seed itself to others once the deadline has passed.
 * `demo`/`seed`: the demo's simulated campaigns (模拟演示数据), seeded through this same path.
 */
export async function createCampaign(deps: Deps, caller: Caller, body: unknown, options: { demo?: boolean; seed?: string } = {}) {
  if (caller.scope.kind === 'county') throw new ForbiddenError(message('campaign.create.county'));
  const input = parseCampaign(body, today(deps.clock), rootArea(deps));
  if (caller.scope.kind === 'city' && input.area !== caller.scope.code) throw new ForbiddenError(message('campaign.create.otherCity'));
  // One campaign an area and year (the plan's yearly 督导检查): a second would draw another sample of the same teams, and show
  // their leaders' phones again on its checklists.
  const same = (await deps.store.listCampaigns()).find((c) => c.area === input.area && c.year === input.year);
  if (same) throw new ConflictError(message('campaign.exists', { year: input.year, area: input.area, id: same.id, name: same.name }), null);
  const registry = versionOn(await deps.store.listRegistryVersions(), today(deps.clock));
  if (!registry) throw new NotFoundError(message('registry.notLoaded'));
  const aggregates = (await deps.store.listAggregates()).filter((a) => inArea(input.area, a.code));
  if (!aggregates.length) throw new NotFoundError(message('city.unknown', { city: input.area }));
  const seed = options.seed ?? randomBytes(16).toString('hex');
  const counties: Campaign['counties'] = {};
  const registries = await Promise.all(aggregates.map((a) => deps.store.getRegistry(a.code)));
  aggregates.forEach((a, i) => {
    const codes = registries[i] ? inScope(registries[i]!).map(([code]) => code) : [];
    counties[a.code] = { size: codes.length, sample: drawSample(codes, input.sampleSize, seed, registry.version) };
  });
  const now = deps.clock.now().toISOString();
  const campaign: Campaign = {
    id: `${input.year}-${input.area}-${randomBytes(3).toString('hex')}`,
    name: input.name,
    year: input.year,
    area: input.area,
    deadline: input.deadline,
    sampleSize: input.sampleSize,
    upper: input.upper,
    lower: input.lower,
    seed,
    seedHash: createHash('sha256').update(seed).digest('hex'),
    rule: decisionRule(input.sampleSize, input.upper, input.lower),
    registryVersion: registry.version,
    counties,
    createdBy: `${formatScope(caller.scope)}/${caller.user}`,
    createdAt: now,
    ...(options.demo ? { demo: true } : {}),
  };
  // Refused when the id was taken, or another campaign for the area and year was written meanwhile.
  if (!(await deps.store.putCampaign(campaign)))
    throw new ConflictError(message('campaign.exists.race', { year: input.year, area: input.area }), null);
  return view(deps, caller, campaign, []);
}

export async function listCampaigns(deps: Deps, caller: Caller) {
  if (caller.scope.kind === 'county') throw new ForbiddenError(message('campaign.county.noSample'));
  const all = await deps.store.listCampaigns();
  return {
    campaigns: all
      .filter((c) => rights(caller.scope, c.area).read)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((c) => ({ ...c, seed: published(deps, caller, c) ? c.seed : null, createdBy: byFor(caller.scope, c.area, c.createdBy) })),
  };
}

async function load(deps: Deps, caller: Caller, id: string) {
  if (!/^[\w-]{1,40}$/.test(id)) throw new ValidationError(message('campaign.id.invalid', { id: id.slice(0, 40) }));
  if (caller.scope.kind === 'county') throw new ForbiddenError(message('campaign.county.noSample'));
  const campaign = await deps.store.getCampaign(id);
  if (!campaign) throw new NotFoundError(message('campaign.unknown', { id }));
  assertRead(caller, campaign);
  return campaign;
}

/**
 * Whether the caller may see the seed and the samples: the organiser always (it inspects), anyone
 * else who reads the campaign once its deadline has passed — before, a city being ranked could hand
 * its counties their samples.
 */
const published = (deps: Deps, caller: Caller, c: { area: string; deadline: string }) =>
  rights(caller.scope, c.area).inspect || today(deps.clock) > c.deadline;

function progress(deps: Deps, campaign: Campaign, checks: StoredCheck[], code: string) {
  const sample = campaign.counties[code].sample;
  const done = new Set(checks.map((c) => c.communityCode));
  const checked = sample.filter((s) => done.has(s)).length;
  const over = today(deps.clock) > campaign.deadline;
  return { checked, remaining: sample.length - checked, overdue: over && checked < sample.length };
}

function view(deps: Deps, caller: Caller, campaign: Campaign, checks: StoredCheck[]) {
  const codes = visibleCounties(caller.scope, Object.keys(campaign.counties));
  const byCode = new Map(checks.map((c) => [c.communityCode, c]));
  const open = published(deps, caller, campaign);
  return {
    ...campaign,
    seed: open ? campaign.seed : null,
    createdBy: byFor(caller.scope, campaign.area, campaign.createdBy),
    open: today(deps.clock) <= campaign.deadline,
    method: {
      zh: '每县（市、区）从名录现行版本的方案范围内社区中，按 SHA-256（种子:名录版本:社区代码）排序取前 n 个；达标判定采用批质量保证抽样（LQAS），二项分布精确计算两类风险。',
      en: "In each county, the first n communities in the programme's scope under the registry version in force, ordered by SHA-256 of seed:registry version:community code; a county's verdict by lot quality assurance sampling (LQAS), both risks computed exactly from the binomial distribution.",
    },
    counties: Object.fromEntries(
      codes.map((code) => [
        code,
        {
          size: campaign.counties[code].size,
          ...progress(deps, campaign, checks, code),
          ...(open ? { sample: campaign.counties[code].sample } : {}),
          checks: !open
            ? []
            : campaign.counties[code].sample.map((s) => {
                const c = byCode.get(s);
                return { communityCode: s, outcome: c?.outcome ?? null, version: c?.version ?? null, verified: c?.verified ?? null };
              }),
        },
      ]),
    ),
  };
}

export async function getCampaign(deps: Deps, caller: Caller, id: string) {
  const campaign = await load(deps, caller, id);
  return view(deps, caller, campaign, await deps.store.listChecks(id));
}

/**
 * Records (or corrects, If-Match) one check of a sampled community: what the inspector found,
 * judged against what the county reported at that moment. Never by the audited county, never
 * after the deadline, only for a community in the sample.
 */
export async function putCheck(deps: Deps, caller: Caller, id: string, rawCode: string, body: unknown, ifMatch: number | null) {
  const code = checkCommunityCode(rawCode, rootArea(deps).code);
  if (caller.scope.kind === 'county') throw new ForbiddenError(message('check.county.self'));
  // The body is checked first (against the rules of the standard in force): a wrong one is named whatever the campaign.
  const ids = ruleIds(deps);
  const check = parseCheck(body, ids);
  const campaign = await load(deps, caller, id);
  if (!rights(caller.scope, campaign.area).inspect) throw new ForbiddenError(message('check.notInspector'));
  const county = campaign.counties[countyOfCommunity(code)];
  if (!county?.sample.includes(code))
    throw new ValidationError(message('check.notSampled', { code }), [
      { field: 'communityCode', message: message('check.notSampled.short') },
    ]);
  if (today(deps.clock) > campaign.deadline)
    throw new ValidationError(message('check.closed', { deadline: campaign.deadline }), [
      { field: 'deadline', message: message('check.closed.short') },
    ]);
  const stored = await deps.store.getCheck(id, code);
  if ((stored?.version ?? null) !== ifMatch) {
    throw new ConflictError(
      stored ? message('check.conflict', { version: stored.version }) : message('check.ifMatch.none'),
      stored?.version ?? null,
    );
  }
  const next = await recordCheck(deps, campaign, code, check, stored, `${formatScope(caller.scope)}/${caller.user}`, ids);
  return { ...next, methodLabel: METHODS[next.method] };
}

/**
 * Writes one check (its version after `previousVersion`), judged against what the county reports
 * now, and the team's 核查发现问题 mark: set by a discrepancy, lifted by a check that confirms.
 */
export async function recordCheck(
  deps: Deps,
  campaign: Campaign,
  code: string,
  check: CheckInput,
  previous: Pick<StoredCheck, 'version' | 'reported' | 'firstAt' | 'outcome' | 'findings'> | null,
  by: string,
  ids = ruleIds(deps),
): Promise<StoredCheck> {
  // What the county reported is taken when the community is first checked and kept: a correction the
  // county makes afterwards never turns the check's own finding into a confirmation.
  const reported = previous?.reported ?? (await reportedNow(deps, code));
  // Only members of the roster as reported can have been met (a member added since is not on the inspector's list).
  const strangers = (check.met ?? []).filter((id) => !reported.roster?.includes(id));
  if (strangers.length) {
    const why = message('check.met.notOnRoster', { count: strangers.length });
    throw new ValidationError(why, [{ field: 'met', message: why }]);
  }
  const previousVersion = previous?.version ?? 0;
  const at = deps.clock.now().toISOString();
  const next: StoredCheck = {
    ...check,
    communityCode: code,
    reported,
    ...judgeCheck(check, reported, ids),
    version: previousVersion + 1,
    firstAt: previous?.firstAt ?? at,
    at,
    by,
  };
  // The team's mark goes in the check's own transaction. A discrepancy sets this campaign's finding —
  // unless the organiser closed it and the check still finds the same (a note added): closed stays
  // closed; a check that now finds something else reopens it. A check that confirms lifts it.
  // A first check finds no mark: the campaign's mark is only ever written in a check's transaction.
  const [answer, mark] = await Promise.all([
    previous ? deps.store.getAnswer(campaign.id, code) : null,
    previous ? deps.store.getFindingRecord(code, campaign.id) : null,
  ]);
  const closed = answer?.status === 'closed';
  // The 销号 answered what the check found then: it holds while the check keeps finding exactly that. A
  // problem found again after a check that confirmed (the mark lifted) is a new one, and reopens it.
  const same = closed && previous?.outcome === 'discrepancy' && JSON.stringify(previous.findings) === JSON.stringify(next.findings);
  const reopen =
    closed && !same && next.outcome === 'discrepancy'
      ? {
          ...answer!,
          version: answer!.version + 1,
          status: 'open' as const,
          ...reasonOf(message('note.discrepancy.reopened')),
          by,
          at,
          history: [...answer!.history, historyEntry(answer!)],
        }
      : undefined;
  const change =
    next.outcome === 'discrepancy'
      ? closed && !reopen
        ? undefined
        : {
            set: {
              communityCode: code,
              campaignId: campaign.id,
              campaignName: campaign.name,
              findings: next.findings,
              at: next.at,
              raisedAt: mark && !mark.closedAt ? (mark.raisedAt ?? mark.at) : next.at,
            },
          }
      : mark && !mark.closedAt
        ? { close: true as const }
        : undefined;
  if (!(await deps.store.putCheck(campaign.id, next, change, reopen))) {
    throw new ConflictError(message('check.answerConflict'), null);
  }
  return next;
}

/**
 * The organiser's checklist for one county: each sampled community with its team, leader and the
 * reported state, and the check saved so far (for editing). While the campaign is open the leader's
 * full phone is shown — the inspector rings it — and each number shown is written down (who, when),
 * with the campaign; after the deadline phones are masked again.
 */
export async function openChecklist(deps: Deps, caller: Caller, id: string, rawCounty: string) {
  const county = checkCountyCode(rawCounty, rootArea(deps).code);
  const campaign = await load(deps, caller, id);
  if (!rights(caller.scope, campaign.area).inspect) throw new ForbiddenError(message('checklist.notInspector'));
  const entry = campaign.counties[county];
  if (!entry) throw new NotFoundError(message('campaign.county.notIncluded', { id, county }));
  const open = today(deps.clock) <= campaign.deadline;
  const [registry, teams, checks] = await Promise.all([
    deps.store.getRegistry(county),
    Promise.all(entry.sample.map((code) => deps.store.getTeam(code))),
    deps.store.listCountyChecks(id, county),
  ]);
  const names = new Map(registry?.communities ?? []);
  const townships = new Map(registry?.townships ?? []);
  const byCode = new Map(checks.map((c) => [c.communityCode, c]));
  const at = deps.clock.now().toISOString();
  const by = `${formatScope(caller.scope)}/${caller.user}`;
  const shown = open ? teams.filter((t): t is NonNullable<typeof t> => Boolean(t && !t.excluded && t.team.leader.phone)) : [];
  // One record per number shown, kept with the campaign: in the team's own trail it would show the
  // county its sample before the deadline (the team's history lists them once the sample is public).
  await Promise.all(shown.map((t) => deps.store.recordCampaignView(id, { communityCode: t.communityCode, at, by })));
  return {
    campaignId: id,
    county,
    open,
    phonesShown: shown.length,
    communities: entry.sample.map((code, i) => {
      const t = teams[i];
      const counted = t && !t.excluded ? t : null;
      return {
        communityCode: code,
        name: names.get(code) ?? code,
        townshipName: townships.get(code.slice(0, 9)) ?? '',
        team: counted && {
          name: counted.team.name,
          leader: open ? counted.team.leader : maskLeader(counted.team.leader),
          members: counted.members,
          meetsStandard: counted.verdict.meetsStandard,
        },
        check: byCode.get(code) ?? null,
      };
    }),
  };
}

/** The campaigns open at some time in a month, each county's checks counted to the month's end (for the monthly emails). */
export async function campaignsOver(deps: Deps, month: IsoMonth): Promise<CampaignProgress[]> {
  const end = monthEndInstant(month);
  const open = (await deps.store.listCampaigns()).filter((c) => c.createdAt <= end && c.deadline >= `${month}-01`);
  return Promise.all(
    open.map(async (entry) => {
      const [campaign, checks] = await Promise.all([deps.store.getCampaign(entry.id), deps.store.listChecks(entry.id)]);
      const done = new Set(checks.filter((k) => (k.firstAt ?? k.at) <= end).map((k) => k.communityCode));
      return {
        name: entry.name,
        area: entry.area,
        deadline: entry.deadline,
        counties: Object.fromEntries(
          Object.entries(campaign!.counties).map(([code, c]) => [
            code,
            { sampled: c.sample.length, checked: c.sample.filter((x) => done.has(x)).length },
          ]),
        ),
      };
    }),
  );
}

/** Each county's 核查发现问题 not yet closed at a month's end. */
export async function openFindingsAt(deps: Deps, counties: string[], month: IsoMonth): Promise<Record<string, number>> {
  const end = monthEndInstant(month);
  // Raised by the month's end and not closed by then (a finding closed since still counts for that month).
  const counts = await Promise.all(
    counties.map(
      async (code) =>
        (await deps.store.listFindingRecords(code)).filter((f) => (f.raisedAt ?? f.at) <= end && !(f.closedAt && f.closedAt <= end)).length,
    ),
  );
  return Object.fromEntries(counties.map((code, i) => [code, counts[i]]).filter(([, n]) => n));
}

/**
 * The yearly summary's verification paragraph for an area: the year's latest campaign over it,
 * its results over the area's counties; null when there was none.
 */
export async function verificationFor(deps: Deps, year: number, codes: string[], county: boolean): Promise<string | null> {
  const now = today(deps.clock);
  // An ended campaign before an open one, the province's yearly inspection before a city's own, then the latest.
  const entry = (await deps.store.listCampaigns())
    .filter((c) => c.year === year && codes.every((code) => c.counties.includes(code)))
    .sort(
      (a, b) =>
        Number(now > b.deadline) - Number(now > a.deadline) || a.area.length - b.area.length || b.createdAt.localeCompare(a.createdAt),
    )[0];
  if (!entry) return null;
  const ended = now > entry.deadline;
  // A county learns of a campaign over it only from its results (and its discrepancies).
  if (county && !ended) return null;
  const [campaign, checks] = ended ? await Promise.all([deps.store.getCampaign(entry.id), deps.store.listChecks(entry.id)]) : [null, []];
  const counties = !campaign
    ? []
    : codes.map((code) =>
        countyResult(
          code,
          campaign.counties[code].size,
          ruleFor(campaign.rule, campaign.counties[code].sample.length),
          checks.filter((k) => countyOfCommunity(k.communityCode) === code),
        ),
      );
  return verificationText({ name: entry.name, deadline: entry.deadline, ended }, counties, areaResult(counties), county);
}

/**
 * The organisers' views of a community's leader phone (the checklist), as reveals in the team's
 * history: for the organiser at once, for everyone else once the campaign's deadline has passed —
 * before, they would tell the county which of its communities were sampled.
 */
export async function campaignViews(deps: Deps, caller: Caller, communityCode: string) {
  const county = countyOfCommunity(communityCode);
  const campaigns = (await deps.store.listCampaigns()).filter((c) => c.counties.includes(county) && published(deps, caller, c));
  const views = await Promise.all(
    campaigns.map(async (c) =>
      (await deps.store.listCampaignViews(c.id, communityCode)).map((v) => ({
        communityCode,
        at: v.at,
        by: byFor(caller.scope, c.area, v.by),
        ...reasonOf(message('note.reveal.campaign', { name: c.name })),
      })),
    ),
  );
  return views.flat();
}

/** County classes and estimates, and each city's and the area's stratified estimate, with what each rests on. */
export async function getResults(deps: Deps, caller: Caller, id: string) {
  const campaign = await load(deps, caller, id);
  const checks = await deps.store.listChecks(id);
  const byCounty = new Map<string, StoredCheck[]>();
  for (const c of checks)
    byCounty.set(countyOfCommunity(c.communityCode), [...(byCounty.get(countyOfCommunity(c.communityCode)) ?? []), c]);
  const codes = visibleCounties(caller.scope, Object.keys(campaign.counties));
  const counties: CountyResult[] = codes.map((code) =>
    countyResult(
      code,
      campaign.counties[code].size,
      ruleFor(campaign.rule, campaign.counties[code].sample.length),
      byCounty.get(code) ?? [],
    ),
  );
  const cities = [...new Set(codes.map(cityOfCounty))].map((city) => ({
    code: city,
    ...areaResult(counties.filter((c) => cityOfCounty(c.code) === city)),
  }));
  return {
    id: campaign.id,
    name: campaign.name,
    rule: campaign.rule,
    registryVersion: campaign.registryVersion,
    seed: published(deps, caller, campaign) ? campaign.seed : null,
    seedHash: campaign.seedHash,
    /** Open, or some county's sample not finished: the figures are interim. */
    interim: today(deps.clock) <= campaign.deadline || counties.some((c) => c.class === 'incomplete'),
    counties,
    cities,
    area: { code: caller.scope.kind === 'city' ? caller.scope.code : campaign.area, ...areaResult(counties) },
  };
}

/** The discrepancies checks found in a county, in every campaign over it, with the county's answers. */
export async function listDiscrepancies(deps: Deps, caller: Caller, rawCounty: string) {
  const county = checkCountyCode(rawCounty, rootArea(deps).code);
  assertCanRead(caller.scope, county);
  const campaigns = (await deps.store.listCampaigns()).filter((c) => c.counties.includes(county));
  const own = formatScope(caller.scope);
  const items = [];
  for (const c of campaigns) {
    const [checks, answers] = await Promise.all([deps.store.listCountyChecks(c.id, county), deps.store.listAnswers(c.id, county)]);
    const byCode = new Map(answers.map((a) => [a.communityCode, a]));
    // Readers other than the organiser see which office answered or closed, not its user's name (their own office's in full).
    const name = (by: string) => (by.startsWith(`${own}/`) ? by : byFor(caller.scope, c.area, by));
    for (const check of checks.filter((k) => k.outcome === 'discrepancy')) {
      const stored = byCode.get(check.communityCode);
      const answer = !stored ? null : { ...stored, by: name(stored.by), history: stored.history.map((h) => ({ ...h, by: name(h.by) })) };
      items.push({
        campaignId: c.id,
        campaignName: c.name,
        campaignArea: c.area,
        deadline: c.deadline,
        communityCode: check.communityCode,
        at: check.at,
        findings: check.findings,
        status: answer?.status ?? 'open',
        answer,
      });
    }
  }
  return { county, discrepancies: items.sort((a, b) => b.at.localeCompare(a.at)) };
}

const ANSWERS = {
  corrected: { zh: '已整改', en: 'Corrected' },
  disputed: { zh: '有异议', en: 'Disputed' },
  closed: { zh: '已销号', en: 'Closed' },
} as const;

/** The fields of an answer, as its refusals name them. */
const ANSWER_LABELS: Record<string, { zh: string; en: string }> = {
  campaignId: { zh: '检查编号', en: 'The campaign id' },
  communityCode: { zh: '社区代码', en: 'The community code' },
  action: { zh: '答复（已整改、有异议或销号）', en: 'The answer (corrected, disputed or closed)' },
  reason: { zh: '说明', en: 'Explanation' },
  version: { zh: '所看到答复的版本号', en: 'The version of the answer read' },
};

/**
 * The county answers a discrepancy — corrected (after fixing the team through the one write path)
 * or disputed (with a reason) — and the inspector (the province, or the city that organised the
 * campaign) closes it, which lifts the team's 核查发现问题 mark.
 */
export async function answerDiscrepancy(deps: Deps, caller: Caller, rawCounty: string, body: unknown) {
  const root = rootArea(deps).code;
  const county = checkCountyCode(rawCounty, root);
  assertCanRead(caller.scope, county);
  const b = bodyOf(answerBody, body, (path) => ANSWER_LABELS[path] ?? path);
  const code = checkCommunityCode(b.communityCode, root);
  if (countyOfCommunity(code) !== county)
    throw new ValidationError(message('answer.community.otherCounty', { code, county }), [
      { field: 'communityCode', message: message('answer.community.otherCounty.short') },
    ]);
  // The version of the answer the sender read (absent: it read none, this is the first answer).
  const read = b.version ?? null;
  const action = b.action;
  const reason = plainTextOf(b, 'reason', ANSWER_LABELS.reason, action === 'disputed');
  const campaign = await deps.store.getCampaign(b.campaignId);
  if (!campaign?.counties[county]) throw new NotFoundError(message('campaign.county.notIncluded', { id: b.campaignId, county }));
  const inspector = rights(caller.scope, campaign.area).inspect;
  if (action === 'closed' ? !inspector : !(caller.scope.kind === 'county' && caller.scope.code === county)) {
    throw new ForbiddenError(message(action === 'closed' ? 'answer.close.notInspector' : 'answer.notCounty'));
  }
  const check = await deps.store.getCheck(campaign.id, code);
  if (check?.outcome !== 'discrepancy')
    throw new ValidationError(message('answer.noFinding', { code }), [
      { field: 'communityCode', message: message('answer.noFinding.short') },
    ]);
  const earlier = await deps.store.getAnswer(campaign.id, code);
  // The answer is written over the one its sender read, never over one given since (a lost answer, a history rewritten).
  if (earlier?.status === 'closed' || (earlier?.version ?? null) !== read) throw answerConflict(earlier, read);
  const at = deps.clock.now().toISOString();
  const by = `${formatScope(caller.scope)}/${caller.user}`;
  const answer: Answer = {
    communityCode: code,
    version: (earlier?.version ?? 0) + 1,
    status: action,
    ...(reason ? { reason } : {}),
    by,
    at,
    history: earlier ? [...earlier.history, historyEntry(earlier)] : [],
  };
  await deps.store.putAnswer(campaign.id, answer);
  return { ...answer, words: ANSWERS[action] };
}

/** 通报: the campaign's results for circulation, with names and each county's reported coverage beside its verified one. */
export async function campaignBulletin(deps: Deps, caller: Caller, id: string) {
  const [results, campaign, aggregates, meta] = await Promise.all([
    getResults(deps, caller, id),
    deps.store.getCampaign(id),
    deps.store.listAggregates(),
    deps.store.getMeta(),
  ]);
  const byCode = new Map(aggregates.map((a) => [a.code, a]));
  // Reported beside verified: the year-end figures of record once the campaign's year has ended, else today's.
  const yearEnd: IsoMonth = `${campaign!.year}-12`;
  const record = yearEnd <= lastEndedMonth(deps.clock.now().toISOString()) ? await monthFigures(deps, yearEnd) : null;
  const reportedOf = (code: string) => {
    const f = record?.counties[code] ?? byCode.get(code);
    return f ? coverage(f.counters.teamsMeetingStandard, f.communities) : 0;
  };
  const root = rootArea(deps);
  const areaName =
    results.area.code === root.code
      ? root.words.whole
      : (aggregates.find((a) => cityOfCounty(a.code) === results.area.code)?.cityName ?? results.area.code);
  const { bulletin } = await import('#core/bulletin.js'); // the team view imports this module; only the bulletin needs it
  return bulletin({
    name: results.name,
    year: campaign!.year,
    seed: results.seed,
    seedHash: results.seedHash,
    interim: results.interim,
    registryVersion: results.registryVersion,
    rule: results.rule,
    counties: results.counties.map((c) => {
      const a = byCode.get(c.code);
      return { ...c, name: a?.name ?? c.code, cityName: a?.cityName ?? '', reportedCoverage: reportedOf(c.code) };
    }),
    reportedAsOf: record ? `${campaign!.year} 年底` : `截至 ${today(deps.clock)}`,
    area: { name: areaName, ...results.area },
    whole: root.words.whole,
    demo: Boolean(campaign!.demo || meta?.demo),
  });
}
