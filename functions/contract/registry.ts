// The registry (社区名录) as the API shows it: its versions, one version's changes, and a resumed application.
import * as z from 'zod';
import { CHANGE_KINDS, SCOPE_REASONS } from '#core/registry.js';
import { code, count, instant, isoDate, isoMonth, strict, text, wireMessage } from './common.js';

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

const exclusion = z.enum(['closed', 'out-of-scope']);
const teamName = z.string().nullable();
/** What applying a version did (in the answer that applied it, and a resumed one's). */
const outcome = {
  teamWrites: count.optional(),
  closed: count.optional(),
  swept: count.optional(),
  alreadyApplied: z.literal(true).optional(),
  corrected: z.array(isoMonth).optional().meta({ description: '据此更正的月末定格数 / the months whose figures of record it corrected' }),
};

/** A change set's plan (the dry run), or the plan and what applying it did. */
export const registryPlan = strict({
  dryRun: z.boolean(),
  version: z.number().int().min(1),
  effectiveFrom: isoDate,
  source: z.string(),
  changeCount: count.meta({ description: '变更总数 / every change, counted' }),
  teamCount: count.meta({ description: '受影响队伍总数 / every team action, counted' }),
  changeKinds: z
    .partialRecord(z.enum(kinds), count)
    .optional()
    .meta({ description: '完整名录比对：各类变更数 / a full edition: changes by kind' }),
  shownInline: count
    .optional()
    .meta({ description: '完整名录比对时 changes、teams 只列前这么多项 / a full edition lists only this many changes and teams' }),
  changes: z.array(registryChangeRow),
  teams: z.array(
    z.union([
      strict({
        kind: z.literal('move'),
        from: code,
        to: code,
        row: z.number().int(),
        reason: z.string(),
        reasonMessage: wireMessage,
        excluded: exclusion.optional(),
        teamName,
      }),
      strict({ kind: z.literal('close'), code, row: z.number().int(), reason: z.string(), reasonMessage: wireMessage, teamName }),
      strict({
        kind: z.literal('scope'),
        code,
        row: z.number().int(),
        reason: z.string(),
        reasonMessage: wireMessage,
        excluded: exclusion.optional(),
        teamName,
      }),
    ]),
  ),
  counties: z.array(strict({ code, name: z.string(), registryBefore: count, registry: count, inScopeBefore: count, inScope: count })),
  applied: z.boolean().optional(),
  ...outcome,
}).meta({ id: 'RegistryPlan' });
export type RegistryPlan = z.infer<typeof registryPlan>;

export const registryResume = strict({
  version: z.number().int(),
  applied: z.boolean(),
  ...outcome,
  abandoned: z.literal(true).optional(),
  messageId: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  message: z.string().optional(),
});

export type RegistryVersions = z.infer<typeof registryVersions>;
export type RegistryVersionChanges = z.infer<typeof registryVersionChanges>;
