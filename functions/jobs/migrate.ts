// Lambda run at each deploy, before the API and job functions change (a CDK trigger): moves a table
// from before the tenant keys under its programme's (functions/app/tenant-keys.ts). The table before
// the tenant keys held one programme: the deployment's only one, or LEGACY_PROGRAMME when it lists several.
import type { Context } from 'aws-lambda';
import { moveToTenantKeys } from '#app/tenant-keys.js';
import { defaultTenancy, log } from '#runtime/deps.js';
import { logger } from '#runtime/logger.js';

export async function handler(event: { force?: boolean } = {}, context?: Context) {
  if (context) logger.addContext(context); // the invocation's request id on every line
  const tenancy = defaultTenancy();
  const named = process.env.LEGACY_PROGRAMME || (tenancy.areas.length === 1 ? tenancy.areas[0] : null);
  if (named !== null && !tenancy.areas.includes(named))
    throw new Error(`LEGACY_PROGRAMME ${named} is none of the deployment's programmes (${tenancy.areas.join(', ')})`);
  if (named === null) {
    // Several programmes and none named: a table with nothing from before the tenant keys (new, or moved) needs none.
    const counties = await (await tenancy.of(tenancy.areas[0])).store.legacyCounties();
    if (!counties.length) {
      log('info', 'tenant keys: nothing from before them in the table');
      return { skipped: true };
    }
    throw new Error(
      `the table holds records from before the tenant keys: LEGACY_PROGRAMME must name the programme they are (${tenancy.areas.join(', ')})`,
    );
  }
  // Invoked by hand with {"force":true}, it scans a table marked done again.
  const report = await moveToTenantKeys(await tenancy.of(named), { mode: event?.force === true ? 'force' : 'move' });
  if (report.conflicts.length)
    log('error', 'tenant keys: records left under their old keys, a record being at the new key already', { ...report });
  else log('info', report.skipped ? 'tenant keys: already moved' : 'tenant keys: table moved', { ...report });
  return report;
}
