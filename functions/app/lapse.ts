// The daily lapse job: teams whose verdict has run out (insurance ended, training over a year ago)
// are re-evaluated through the one write path, so county figures drop on the day.
import { monthOf } from '#core/dates.js';
import { ConflictError } from '#core/errors.js';
import { evaluate } from '#core/rules.js';
import { TEAMS_PER_TRANSACTION } from '#store/store.js';
import { BUSINESS_METRICS, firstDay, programmeAt, today, type Deps } from './deps.js';
import { nextTeam } from './teams.js';

const RETRIES = 3;

/**
 * The teams whose verdict ran out before `date`, from the lapse index: by city and month of the last
 * valid day, every month since the start (a handful of small queries per city), the cities those of the
 * programme's counties.
 */
async function lapsedCodes(deps: Deps, date: string): Promise<string[]> {
  const cities = [...new Set((await deps.store.listAggregates()).map((a) => a.cityCode))];
  return [...new Set(await deps.store.listLapsed(date, monthOf(firstDay(deps)), cities))];
}

/**
 * What the lapse job would do on its clock's day, written nowhere: a "what if" for a later date.
 * Each team whose verdict has run out, with the standard's reasons as of that day.
 */
export async function previewLapse(
  deps: Deps,
): Promise<{ date: string; teams: { communityCode: string; holdsUntil: string; failed: string[] }[] }> {
  const date = today(deps.clock);
  const codes = await lapsedCodes(deps, date);
  // Only teams that meet the standard now can stop meeting it; one failing already only changes its reasons.
  const teams = (await Promise.all(codes.map((c) => deps.store.getTeam(c)))).filter(
    (t) => t?.verdict.meetsStandard && t.verdict.holdsUntil !== null && t.verdict.holdsUntil < date,
  );
  return {
    date,
    teams: teams.map((t) => ({
      communityCode: t!.communityCode,
      holdsUntil: t!.verdict.holdsUntil!,
      failed: evaluate(t!.team, programmeAt(deps, date).ruleSet, date).failed.map((f) => f.message.zh),
    })),
  };
}

export async function runLapse(deps: Deps): Promise<{ date: string; found: number; changed: number }> {
  const date = today(deps.clock);
  const codes = await lapsedCodes(deps, date);
  let changed = 0;
  for (let i = 0; i < codes.length; i += TEAMS_PER_TRANSACTION) {
    const chunk = codes.slice(i, i + TEAMS_PER_TRANSACTION);
    for (let attempt = 0; ; attempt++) {
      const current = (await Promise.all(chunk.map((c) => deps.store.getTeam(c)))).filter((t) => t !== null);
      // A team edited since it was indexed may hold longer now; only those still run out are rewritten.
      const due = current.filter((t) => t.verdict.holdsUntil !== null && t.verdict.holdsUntil < date);
      const writes = due.map((previous) => ({
        previous,
        next: nextTeam(deps, previous.communityCode, previous.team, previous, { updatedBy: 'system/lapse-job', source: 'lapse' }),
      }));
      try {
        if (writes.length) await deps.store.writeTeams(writes, deps.clock.now().toISOString());
        changed += writes.length;
        break;
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= RETRIES) throw e;
      }
    }
  }
  deps.metrics?.count(BUSINESS_METRICS.teamsLapsed, changed);
  deps.metrics?.count(BUSINESS_METRICS.teamWrites, changed, { Source: 'lapse' });
  return { date, found: codes.length, changed };
}
