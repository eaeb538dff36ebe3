// Re-evaluation of every team under the rule set in force, through the one write path: a team whose
// verdict changes (met or not, which rules fail, until when it holds) gets a new version, audited
// with the reason; one whose verdict stands is left alone, so a re-run after a kill simply carries on.
import { ConflictError } from '#core/errors.js';
import { message, noteOf, type Message } from '#core/messages/index.js';
import { evaluate, type Verdict } from '#core/rules.js';
import { TEAMS_PER_TRANSACTION, type StoredTeam } from '#store/store.js';
import { standardRef } from '#core/standard.js';
import { inForce, programmeAt, today, type Deps } from './deps.js';
import { correctMonths } from './months.js';
import { nextTeam } from './teams.js';

const RETRIES = 3;
/** Verdicts that decide the same under the same standard version (a verdict names the version it was judged under). */
const same = (a: Verdict, b: Verdict) =>
  a.ruleSetId === b.ruleSetId &&
  a.meetsStandard === b.meetsStandard &&
  a.holdsUntil === b.holdsUntil &&
  JSON.stringify(a.failed.map((f) => f.ruleId)) === JSON.stringify(b.failed.map((f) => f.ruleId));

export interface ReevaluateReport {
  date: string;
  teams: number;
  changed: number;
  months: { checked: string[]; corrected: string[] };
}

export async function reevaluateAll(
  deps: Deps,
  reason: Message | string,
  onCounty: (done: number, of: number) => void = () => {},
): Promise<ReevaluateReport> {
  const date = today(deps.clock);
  const ruleSet = programmeAt(deps, date).ruleSet;
  const counties = await deps.store.listAggregates();
  let teams = 0;
  let changed = 0;
  for (const [i, county] of counties.entries()) {
    const stored = await deps.store.listTeams(county.code);
    teams += stored.length;
    const due = stored.filter((t) => !same(t.verdict, evaluate(t.team, ruleSet, date)));
    for (let k = 0; k < due.length; k += TEAMS_PER_TRANSACTION) {
      let chunk: StoredTeam[] = due.slice(k, k + TEAMS_PER_TRANSACTION);
      for (let attempt = 0; ; attempt++) {
        const writes = chunk.map((previous) => ({
          previous,
          next: {
            ...nextTeam(deps, previous.communityCode, previous.team, previous, {
              updatedBy: 'system/reevaluate',
              source: 'reevaluate',
              demo: previous.demo,
            }),
            ...noteOf(reason),
          },
        }));
        try {
          if (writes.length) await deps.store.writeTeams(writes, writes[0].next.updatedAt);
          changed += writes.length;
          break;
        } catch (e) {
          if (!(e instanceof ConflictError) || attempt >= RETRIES) throw e;
          // Someone saved one meanwhile (its save was judged under the rules in force): re-read and re-judge.
          const fresh = (await Promise.all(chunk.map((t) => deps.store.getTeam(t.communityCode)))).filter(
            (t): t is StoredTeam => t !== null,
          );
          chunk = fresh.filter((t) => !same(t.verdict, evaluate(t.team, ruleSet, date)));
        }
      }
    }
    onCounty(i + 1, counties.length);
  }
  // Months computed from the history whose figures change under the rules get a new version, with the reason.
  const months = await correctMonths(deps, reason);
  return { date, teams, changed, months };
}

/**
 * On the day a standard version takes effect (or the first run after it): every team re-evaluated
 * under it, each changed team audited "标准 … 起施行", then the mark set. A run killed midway leaves
 * the mark unset; the next run carries on, finding the teams already moved unchanged. Null when
 * every verdict is already under the standard in force, or under a later one (a run as of a past day).
 */
export async function applyStandardInForce(
  deps: Deps,
  onCounty?: (done: number, of: number) => void,
): Promise<(ReevaluateReport & { ref: string }) | null> {
  const standard = inForce(deps).ruleSet;
  const ref = standardRef(standard);
  const applied = (await deps.store.getApplied())?.ref;
  if (applied === ref) return null;
  // Only forward: a job run as of a past day (npm run job:lapse -- --date) never brings back the
  // version a later one replaced, nor writes history dated before the verdicts it would replace.
  const current = deps.book.standards.find((s) => standardRef(s) === applied);
  if (current && current.effectiveFrom > standard.effectiveFrom) return null;
  const report = await reevaluateAll(
    deps,
    message('note.standard.inForce', { title: standard.title, ref, from: standard.effectiveFrom }),
    onCounty,
  );
  await deps.store.setApplied(ref, deps.clock.now().toISOString());
  return { ...report, ref };
}
