import type { ImportReport, RosterImportReport } from '#contract/imports.js';
import { api, download, pathOf } from '#web/lib/api.js';

export type ImportResult = ImportReport;
/** One field a row changes, before → after, as the report gives it. */
export type RowChange = NonNullable<ImportReport['rows'][number]['changes']>[number];

/**
 * Sends the file as multipart form data: bytes arrive untouched whatever the CSV's encoding. A commit
 * carries the versions its dry run saw, so a team saved by someone else since is refused, not overwritten.
 */
export function sendImport(
  county: string,
  file: File,
  options: { dryRun: boolean; key: string; after?: ImportResult | null; confirmDrops?: number },
): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (!options.dryRun && options.after?.dryRun) {
    const seen = options.after.rows
      .filter((r) => r.communityCode && r.baseVersion !== undefined)
      .map((r) => [r.communityCode!, r.baseVersion!]);
    form.append('baseVersions', JSON.stringify(Object.fromEntries(seen)));
  }
  const query = options.dryRun
    ? { dryRun: 'true' }
    : { confirmDrops: options.confirmDrops === undefined ? null : String(options.confirmDrops) };
  return api(pathOf('/api/counties/{code}/imports', { code: county }, query), {
    method: 'POST',
    body: form,
    headers: options.dryRun ? {} : { 'idempotency-key': options.key },
  });
}

/** The dry run's checked copy: the clerk's own rows with the result beside each, as a workbook to mend and send again. */
/** The checked copy of the clerk's file, saved beside it under its own name: 兴宁区3月.csv → 兴宁区3月-检查结果.xlsx. */
export function downloadChecked(county: string, file: File, title: string): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  const name = `${file.name.replace(/\.[^.]*$/, '') || county}-${title}.xlsx`;
  return download(pathOf('/api/counties/{code}/imports', { code: county }, { dryRun: 'true', format: 'xlsx' }), {
    method: 'POST',
    body: form,
    name,
  });
}

export type RosterImportResult = RosterImportReport;

/** A roster file (队员名册), dry run or commit: multipart, the commit under the file's own idempotency key. */
export function sendRosterImport(
  county: string,
  file: File,
  options: { dryRun: boolean; key: string; confirmDrops?: number },
): Promise<RosterImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const query = options.dryRun
    ? { dryRun: 'true' }
    : { confirmDrops: options.confirmDrops === undefined ? null : String(options.confirmDrops) };
  return api(pathOf('/api/counties/{code}/roster-imports', { code: county }, query), {
    method: 'POST',
    body: form,
    headers: options.dryRun ? {} : { 'idempotency-key': options.key },
  });
}
