// The registry's versions and change sets, as the registry page asks for them.
import type { RegistryPlan } from '#contract/registry.js';
import { api, useApi, pathOf } from '#web/lib/api.js';

export const useRegistryVersions = () => useApi(pathOf('/api/registry/versions'));

/** One version's change rows; `version` null waits. */
export const useVersionChanges = (version: number | null) =>
  useApi(version ? pathOf('/api/registry/versions/{version}/changes', { version }) : null);

/** A change file sent for a dry run (what it would do) or applied (a new version). */
export function sendChanges(file: File, effectiveFrom: string, source: string, dryRun: boolean): Promise<RegistryPlan> {
  const form = new FormData();
  form.append('effectiveFrom', effectiveFrom);
  form.append('source', source);
  form.append('file', file, file.name);
  return api(pathOf('/api/registry/changes', {}, { dryRun: dryRun ? 'true' : undefined }), { method: 'POST', body: form });
}

/** Carries on a version cut off half-way. */
export const resumeVersion = (version: number) => api(pathOf('/api/registry/versions/{version}/resume', { version }), { method: 'POST' });
