// A team's roster as the API gives it: each membership (past ones too, with the day they left), how it
// stands (counted, 重复在册, 疑似重复, 未查重), and the counts as of today. Phones masked but for the county's own office.
import * as z from 'zod';
import { MEMBER_CATEGORY_IDS, type MemberCategory } from '#core/team.js';
import { code, count, isoDate, strict } from './common.js';
import { MEMBERSHIP_STANDINGS } from '#core/roster-counts.js';

export const membershipView = strict({
  id: z.string(),
  name: z.string(),
  mobile: z.string().nullable().meta({
    description:
      '手机号：本县（市、区）看全号，其他单位看掩码；无手机号为 null / the mobile: in full for the county itself, masked for others; null when none',
  }),
  category: z.enum(MEMBER_CATEGORY_IDS as [MemberCategory, ...MemberCategory[]]),
  joined: isoDate,
  left: isoDate.nullable(),
  insuredThrough: isoDate.nullable(),
  role: z.string().nullable().meta({ description: '队内职务（如队长、副队长；未填为 null）/ the role on the team (null: a member)' }),
  certifiedThrough: isoDate
    .nullable()
    .meta({ description: '证书有效期至（未登记为 null）/ the last day the member’s certificate is valid (null: none recorded)' }),
  standing: z.enum(MEMBERSHIP_STANDINGS).meta({
    description:
      'counts 计入本队；duplicate 重复在册（同一人已计入另一队，见 countsIn）；suspected 疑似重复（同一手机号、姓名不同，两队都计入，待核实）；unchecked 未查重（无手机号，按姓名计入）；distinct 经核实为共用手机号的另一人（计入）/ counts here; duplicate (the same person counts on another roster, countsIn); suspected (same phone, another name: counted on both until resolved); unchecked (no mobile: kept by name, counted); distinct (found to be another person sharing the phone: counted)',
  }),
  countsIn: code.nullable().meta({
    description:
      '重复在册时，此人计入的队伍所在社区（不给出电话）/ for a duplicate, the community whose team this person counts for (never the phone)',
  }),
  countsInName: z.string().nullable().meta({ description: 'countsIn 社区的名称 / the name of the countsIn community' }),
  erasedAt: z
    .string()
    .optional()
    .meta({ description: '个人信息删除时间：此后姓名为空、无手机号 / when the name and mobile were erased (blank since)' }),
}).meta({ id: 'Membership' });

export const rosterAnswer = strict({
  community: code,
  asOf: isoDate,
  counts: strict({
    members: count,
    byCategory: z.record(z.string(), count),
    insured: count,
    unchecked: count,
    duplicates: count,
    suspected: count,
  }).meta({
    description:
      '今日在队并计入的人数，按类别；重复在册者不计入 / members on the team today who count, by category; duplicates are not counted',
  }),
  members: z.array(membershipView),
}).meta({ id: 'Roster' });
export type RosterAnswer = z.infer<typeof rosterAnswer>;

export const membershipEndAnswer = strict({
  ended: membershipView,
  handedTo: code.nullable().meta({
    description:
      '此人计数移交到的队伍所在社区（原为其计入的队伍时），否则 null / the community whose team now counts the person (when this membership was the one counting), else null',
  }),
  handedToName: z.string().nullable().meta({ description: 'handedTo 社区的名称 / the name of the handedTo community' }),
}).meta({ id: 'MembershipEnd' });
