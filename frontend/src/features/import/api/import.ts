import type { ImportReport } from '../../../../../functions/app/imports';
import { api } from '../../../lib/api';

export type ImportResult = ImportReport;

/** Sends the file as multipart form data: bytes arrive untouched whatever the CSV's encoding. */
export function sendImport(county: string, file: File, options: { dryRun: boolean; key: string }): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<ImportResult>(`/api/counties/${county}/imports${options.dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST', body: form, headers: options.dryRun ? {} : { 'idempotency-key': options.key },
  });
}
