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
  const programme = process.env.LEGACY_PROGRAMME || (tenancy.areas.length === 1 ? tenancy.areas[0] : null);
  if (programme === null || !tenancy.areas.includes(programme))
    throw new Error(
      `LEGACY_PROGRAMME must name one of the deployment's programmes (${tenancy.areas.join(', ')}): the table before the tenant keys held one`,
    );
  // Invoked by hand with {"force":true}, it scans a table marked done again.
  const report = await moveToTenantKeys(await tenancy.of(programme), { force: event?.force === true });
  log('info', report.skipped ? 'tenant keys: already moved' : 'tenant keys: table moved', { ...report });
  return report;
}
