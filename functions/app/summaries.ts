// The monthly summary: reconcile, snapshot the month, compose 1 + 14 + 111 messages and send each
// recipient's once, whatever happens to the others.
import { createHash } from 'node:crypto';
import { addMonthsToMonth, monthEnd, monthOf, shanghaiDate, shanghaiTime, type IsoMonth } from '#core/dates.js';
import { monthEndInstant, teamAt } from '#core/record.js';
import { inScope, versionOn } from '#core/registry.js';
import { campaignsOver, openFindingsAt } from './campaigns.js';
import { membersOn } from '#core/roster-counts.js';
import { ForbiddenError, NotFoundError, ValidationError } from '#core/errors.js';
import { message } from '#core/messages/index.js';
import { rollUpTownships } from '#core/rollup.js';
import { formatScope, parseScope, type Scope } from '#core/scope.js';
import {
  composeCity,
  composeCounty,
  composeProvince,
  type CountyLists,
  type CountyMonth,
  type Summary,
  type SummaryInput,
} from '#core/summary.js';
import { coversEndDate, evaluate, insuranceLastDay, lastDayWithin, trainingMonths } from '#core/rules.js';
import { BUSINESS_METRICS, firstDay, METRICS, programmeAt, today, type Deps } from './deps.js';
import type { Mailer } from './mailer.js';
import { monthFigures, recordMonth } from './months.js';
import { monthStatuses } from './reports.js';
import { countDrift } from './reconcile.js';
import { countyFigures } from './reads.js';
import type { Caller } from './caller.js';

export interface JobLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A recipient as logs name it: the first 12 hex digits of the address's SHA-256. */
export const recipientHash = (address: string) => createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 12);

/** A send is retried this many times, then reported as failed; the others carry on. */
const SEND_ATTEMPTS = 3;
/** A claim older than this from a run that died is taken over (at-least-once for that window). */
const STALE_CLAIM_MS = 15 * 60_000;

export const previousMonth = (deps: Deps): IsoMonth => addMonthsToMonth(monthOf(today(deps.clock)), -1);

function checkMonth(deps: Deps, month: string): IsoMonth {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationError(message('summary.month.format', { month }));
  if (month < monthOf(firstDay(deps)) || month >= monthOf(today(deps.clock))) {
    throw new ValidationError(message('summary.month.range', { first: monthOf(firstDay(deps)) }));
  }
  return month;
}

async function summaryInput(deps: Deps, month: IsoMonth, drift: SummaryInput['drift']): Promise<SummaryInput> {
  const [data, meta, versions, aggregates] = await Promise.all([
    countyFigures(deps, month),
    deps.store.getMeta(),
    deps.store.listRegistryVersions(),
    deps.store.listAggregates(),
  ]);
  const registry = versionOn(versions, monthEnd(month));
  const [reports, campaigns, findings] = await Promise.all([
    monthStatuses(
      deps,
      month,
      data.counties.map((c) => c.code),
    ),
    campaignsOver(deps, month),
    openFindingsAt(
      deps,
      data.counties.map((c) => c.code),
      month,
    ),
  ]);
  const counties: CountyMonth[] = data.counties.map((c) => ({
    code: c.code,
    name: c.name,
    cityCode: c.cityCode,
    cityName: c.cityName,
    now: c.now,
    previous: c.previous,
    threeBack: c.threeBack,
    report: reports.get(c.code)!.status,
  }));
  return {
    programme: programmeAt(deps, monthEnd(month)),
    month,
    counties,
    drift,
    demo: Boolean(meta?.demo),
    campaigns,
    findings,
    rosters: {
      at: `${shanghaiDate(deps.clock.now())} ${shanghaiTime(deps.clock.now())}`,
      byCounty: Object.fromEntries(aggregates.flatMap((a) => (a.rosters ? [[a.code, a.rosters] as const] : []))),
      practices: Object.fromEntries(aggregates.map((a) => [a.code, a.practices])),
    },
    registry: registry && {
      version: registry.version,
      source: registry.source,
      simulated: Boolean(registry.simulated),
      communities: Object.fromEntries(Object.entries(registry.counties).map(([code, [all]]) => [code, all])),
    },
  };
}

/** A county's registry as the version in force at a month's end left it (the current one before versions were kept). */
async function registryAtEnd(deps: Deps, countyCode: string, month: IsoMonth) {
  const versions = await deps.store.listRegistryVersions();
  const version = versionOn(versions, monthEnd(month));
  const applied = new Set(versions.filter((v) => v.status === 'applied').map((v) => v.version));
  return (
    (version && (await deps.store.registryCopyAt(countyCode, version.version, (v) => applied.has(v)))) || deps.store.getRegistry(countyCode)
  );
}

/**
 * A county's lists for a month: its teams rebuilt as they stood at 24:00 on the month's last day
 * (the headline's instant) and judged as of that day — townships, gaps, and verdicts running out
 * in the month after. A month of the demo's told past has no list (its teams cannot be rebuilt).
 */
export async function countyLists(deps: Deps, countyCode: string, month: IsoMonth, record?: { source: string }): Promise<CountyLists> {
  const lastDay = monthEnd(month);
  if (record?.source === 'seed') return { asOf: lastDay, simulated: true, townships: [], gaps: [], lapsingNextMonth: [] };
  const [registry, history] = await Promise.all([
    registryAtEnd(deps, countyCode, month),
    deps.store.countyRecord(countyCode, monthEndInstant(month)),
  ]);
  if (!registry) throw new ValidationError(message('county.none', { county: countyCode }));
  const ruleSet = programmeAt(deps, lastDay).ruleSet; // the standard in force at the month's end
  const teams = history.teams.flatMap((t) => {
    const team = teamAt(t, history.records.get(t.communityCode) ?? [], monthEndInstant(month));
    return team
      ? [{ communityCode: t.communityCode, team, members: membersOn(team, lastDay), verdict: evaluate(team, ruleSet, lastDay) }]
      : [];
  });
  const byCode = new Map(teams.map((t) => [t.communityCode, t]));
  const townshipName = new Map(registry.townships);
  const communityName = new Map(registry.communities);
  const next = addMonthsToMonth(month, 1);
  return {
    asOf: lastDay,
    townships: rollUpTownships(registry.townships, inScope(registry), byCode).map((t) => ({ code: t.code, name: t.name, figures: t })),
    gaps: inScope(registry)
      .filter(([code]) => !byCode.get(code)?.verdict.meetsStandard)
      .map(([code, name]) => {
        const team = byCode.get(code);
        return {
          code,
          name,
          townshipName: townshipName.get(code.slice(0, 9)) ?? '',
          teamName: team?.team.name ?? null,
          failed: team?.verdict.failed.map(({ ruleId, message }) => ({ ruleId, message })) ?? [],
        };
      }),
    lapsingNextMonth: teams
      .filter((t) => t.verdict.meetsStandard && t.verdict.holdsUntil && monthOf(t.verdict.holdsUntil) === next)
      .sort((a, b) => a.verdict.holdsUntil!.localeCompare(b.verdict.holdsUntil!))
      .map((t) => ({
        code: t.communityCode,
        name: communityName.get(t.communityCode) ?? t.communityCode,
        teamName: t.team.name,
        holdsUntil: t.verdict.holdsUntil!,
        // The verdict's last day is the insurance's last day, or a year after the last training.
        reasons: [
          ...(t.team.insuranceExpiresOn && insuranceLastDay(t.team.insuranceExpiresOn, coversEndDate(ruleSet)) === t.verdict.holdsUntil
            ? ['保险到期']
            : []),
          ...(t.team.lastTrainingOn &&
          trainingMonths(ruleSet) &&
          lastDayWithin(t.team.lastTrainingOn, trainingMonths(ruleSet)!) === t.verdict.holdsUntil
            ? ['培训演练满一年']
            : []),
        ],
      })),
  };
}

/** All 126 summaries of a month, keyed by scope. */
export async function composeAll(deps: Deps, month: IsoMonth, drift: SummaryInput['drift']): Promise<Summary[]> {
  const input = await summaryInput(deps, month, drift);
  const cities = [...new Set(input.counties.map((c) => c.cityCode))].sort();
  const counties = [...input.counties].sort((a, b) => a.code.localeCompare(b.code));
  const record = await monthFigures(deps, month);
  const lists = await Promise.all(counties.map((c) => countyLists(deps, c.code, month, record ?? undefined)));
  return [
    composeProvince(input),
    ...cities.map((code) => composeCity(input, code)),
    ...counties.map((c, i) => composeCounty(input, c.code, lists[i])),
  ];
}

export interface SummaryReport {
  month: IsoMonth;
  drift: { counties: number; found: number; corrected: string[] };
  snapshotWritten: boolean;
  messages: number;
  sent: number;
  alreadySent: number;
  noRecipients: string[];
  failed: { scope: string; to: string; error: string }[];
  /** Claims of the month not (yet) marked sent after this run: another run's, stalled or still sending. */
  unfinished?: number;
}

export type Delivery = Pick<SummaryReport, 'sent' | 'alreadySent' | 'noRecipients' | 'failed'>;

/**
 * Sends each message to its scope's recipients, once per (`claimKey`, scope, recipient): a claim is
 * taken before sending (a run that died leaves one; after `claimTimeoutMs` another run sends in its
 * place), each send is tried a few times, and the outcome written down. Logs hold no address.
 */
export async function deliver(
  deps: Deps & { mailer: Mailer; log: JobLogger; claimTimeoutMs?: number },
  claimKey: string,
  messages: Pick<Summary, 'scope' | 'subject' | 'text' | 'html'>[],
): Promise<Delivery> {
  const now = () => deps.clock.now().toISOString();
  const recipients = new Map((await deps.store.listRecipients()).map((r) => [r.scope, r.emails]));
  const out: Delivery = { sent: 0, alreadySent: 0, noRecipients: [], failed: [] };
  for (const message of messages) {
    const to = recipients.get(message.scope) ?? [];
    if (to.length === 0) out.noRecipients.push(message.scope);
    for (const address of to) {
      const staleBefore = new Date(deps.clock.now().getTime() - (deps.claimTimeoutMs ?? STALE_CLAIM_MS) + 1).toISOString();
      const claimed = await deps.store.claimMail(claimKey, message.scope, address, now(), staleBefore);
      if (!claimed) {
        out.alreadySent += 1;
        continue;
      }
      let error: unknown = null;
      for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
        try {
          await deps.mailer.send({
            to: address,
            subject: message.subject,
            text: message.text,
            html: message.html,
            key: `${claimKey}/${message.scope}/${address}`,
            date: deps.clock.now(),
          });
          error = null;
          break;
        } catch (e) {
          error = e;
          if (attempt < SEND_ATTEMPTS) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        }
      }
      if (error === null) {
        await deps.store.finishMail(claimKey, message.scope, address, { status: 'sent', at: now() });
        out.sent += 1;
      } else {
        // A relay's error names the address ("550 <zhang.wei@…>"): in the logs and the report only its hash.
        const text = (error instanceof Error ? error.message : String(error)).replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, (a) =>
          recipientHash(a),
        );
        await deps.store.finishMail(claimKey, message.scope, address, { status: 'failed', at: now(), error: text });
        out.failed.push({ scope: message.scope, to: address, error: text });
        // Logs never hold an address: a short hash tells two failures for one recipient apart.
        deps.log.warn('mail not sent', { key: claimKey, scope: message.scope, recipient: recipientHash(address), error: text });
      }
    }
  }
  deps.metrics?.count(BUSINESS_METRICS.mailSent, out.sent);
  deps.metrics?.count(BUSINESS_METRICS.mailFailed, out.failed.length);
  return out;
}

/**
 * `claimTimeoutMs`: how old a claim left by a run that died must be before this run sends in its
 * place. SES cannot take a message back, so 15 minutes by default; the local outbox overwrites the
 * same file, so it needs no wait.
 */
export async function runMonthlySummary(
  deps: Deps & { mailer: Mailer; log: JobLogger; claimTimeoutMs?: number },
  monthArg?: string,
): Promise<SummaryReport> {
  const month = monthArg ? checkMonth(deps, monthArg) : previousMonth(deps);
  const now = () => deps.clock.now().toISOString();
  const reconciliation = countDrift(deps, await deps.store.reconcile({ fix: true, now: now() }));
  if (reconciliation.drift.length)
    deps.log.warn('aggregate drift corrected', {
      month,
      drift: reconciliation.drift.map((d) => ({ county: d.countyCode, difference: d.difference })),
    });
  const snapshotWritten = await recordMonth(deps, month);
  const summaries = await composeAll(deps, month, {
    counties: reconciliation.counties,
    corrected: reconciliation.drift.map((d) => ({
      countyCode: d.countyCode,
      fields: [
        ...(['teamsRegistered', 'teamsMeetingStandard', 'members'] as const).filter((k) => d.difference[k] !== 0),
        ...Object.keys(d.difference.failures).map((id) => `fail_${id}`),
      ],
    })),
  });
  const report: SummaryReport = {
    month,
    drift: { counties: reconciliation.counties, found: reconciliation.drift.length, corrected: reconciliation.corrected },
    snapshotWritten,
    messages: summaries.length,
    ...(await deliver(deps, month, summaries)),
  };
  // Finished means every recipient's claim says sent: a claim still "sending" (a run that died
  // mid-send, not yet stale) was counted as already sent above, but nobody knows it arrived.
  report.unfinished = (await deps.store.listMail(month)).filter((m) => m.status !== 'sent').length;
  deps.log.info('monthly summary done', { ...report, failed: report.failed.length });
  // The watchdog (10:00 on the 1st) asks the table whether this happened; a run with failures, an
  // unfinished claim, or no one at the province to send to did not.
  if (!report.failed.length && !report.unfinished && !report.noRecipients.includes('province')) {
    await deps.store.recordRun({
      job: 'monthly-summary',
      period: month,
      finishedAt: now(),
      counts: { messages: report.messages, sent: report.sent, alreadySent: report.alreadySent, noRecipients: report.noRecipients.length },
    });
    deps.metrics?.count(METRICS.summarySent, 1);
  }
  return report;
}

/**
 * The watchdog of the monthly summary (10:00 on the 1st, two hours after it was due): whether last
 * month's run finished, counted in MonthlySummaryMissing (1 when it did not) for the alarm. A run
 * that never started, one that died, and one that failed to send all look alike here, as they should.
 */
export async function checkMonthlySummary(deps: Deps): Promise<{ month: IsoMonth; finishedAt: string | null }> {
  const month = previousMonth(deps);
  const run = await deps.store.getRun('monthly-summary', month);
  deps.metrics?.count(METRICS.summaryMissing, run ? 0 : 1);
  return { month, finishedAt: run?.finishedAt ?? null };
}

/** The province previews any scope's email for a month; a city its own and its counties'; a county its own. */
export async function previewSummary(deps: Deps, caller: Caller, monthArg: string, rawScope: string): Promise<Summary> {
  const month = checkMonth(deps, monthArg);
  const target: Scope | null = parseScope(rawScope);
  if (!target) throw new ValidationError(message('summary.scope.invalid'));
  const allowed =
    caller.scope.kind === 'province' ||
    (caller.scope.kind === 'city' && target.kind !== 'province' && target.code.startsWith(caller.scope.code)) ||
    (caller.scope.kind === 'county' && target.kind === 'county' && target.code === caller.scope.code);
  if (!allowed) throw new ForbiddenError(message('summary.forbidden', { scope: formatScope(target) }));
  const input = await summaryInput(deps, month, null);
  if (target.kind !== 'province' && !input.counties.some((c) => (target.kind === 'city' ? c.cityCode : c.code) === target.code)) {
    throw new NotFoundError(
      message('area.none', {
        kind: target.kind === 'city' ? { zh: '地级市', en: 'city' } : { zh: '县（市、区）', en: 'county' },
        code: target.code,
      }),
    );
  }
  if (target.kind === 'province') return composeProvince(input);
  if (target.kind === 'city') return composeCity(input, target.code);
  return composeCounty(input, target.code, await countyLists(deps, target.code, month, (await monthFigures(deps, month)) ?? undefined));
}
