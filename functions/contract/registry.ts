// The registry (社区名录) as the API shows it: its versions, one version's changes, and a resumed application.
import * as z from 'zod';
import { CHANGE_KINDS, SCOPE_REASONS } from '#core/registry.js';
import { code, count, instant, isoDate, isoMonth, strict, text } from './common.js';

const kinds = Object.keys(CHANGE_KINDS) as [keyof typeof CHANGE_KINDS, ...(keyof typeof CHANGE_KINDS)[]];
const scopeReasons = Object.keys(SCOPE_REASONS) as [keyof typeof SCOPE_REASONS, ...(keyof typeof SCOPE_REASONS)[]];

/** What every view of a version carries (its record, without the per-county counts). */
const versionFields = {
  version: z.number().int().min(1),
  effectiveFrom: isoDate,
  status: z
    .enum(['preparing', 'applying', 'applied', 'abandoned'])
    .meta({ description: '写入中、应用中、已生效、已作废 / being written, being applied, in force, abandoned' }),
  source: z.string(),
  note: z.string().optional(),
  by: z.string().meta({ description: '省级见经办人，其他见机关 / the person to the province, the office to others' }),
  at: instant,
  appliedAt: instant.optional(),
  abandonedAt: instant.optional(),
  changeCount: count,
  simulated: z.boolean().optional(),
};

export const registryVersions = strict({
  inForce: z.number().int().nullable(),
  versions: z.array(
    strict({
      ...versionFields,
      registryCommunities: count.meta({ description: '调用者范围内名录中的社区 / communities in the registry, in the caller’s area' }),
      inScopeCommunities: count.meta({ description: '其中在方案范围内的 / of which in the programme’s scope' }),
    }),
  ),
}).meta({ id: 'RegistryVersions' });

export const registryChangeRow = strict({
  row: z.number().int(),
  kind: z.enum(kinds),
  kindLabel: text,
  code,
  name: z.string().optional(),
  target: z.string().optional(),
  scopeReason: z.enum(scopeReasons).optional(),
  scopeReasonLabel: text.optional(),
  reason: z.string(),
}).meta({ id: 'RegistryChange' });

export const registryVersionChanges = strict({ ...versionFields, changes: z.array(registryChangeRow) }).meta({
  id: 'RegistryVersionChanges',
});

export const registryResume = strict({
  version: z.number().int(),
  applied: z.boolean(),
  teamWrites: count.optional(),
  closed: count.optional(),
  swept: count.optional(),
  alreadyApplied: z.literal(true).optional(),
  corrected: z.array(isoMonth).optional(),
  abandoned: z.literal(true).optional(),
  message: z.string().optional(),
});

export type RegistryVersions = z.infer<typeof registryVersions>;
export type RegistryVersionChanges = z.infer<typeof registryVersionChanges>;
