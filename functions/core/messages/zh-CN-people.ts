// The zh-CN text of the messages only a team's people speak (its roster's and its activity log's input and
// refusals): loaded with the modules that speak them (core/roster-input.ts, core/activity.ts and those that
// write rosters and logs), so the read API's cold start does not carry them. The English is in en.ts with
// every other message; index.ts types the ids of every part.
import { addZhMessages } from './index.js';

export const ZH_CN_PEOPLE = {
  'roster.name.mobile': '姓名中不能含电话号码，手机号请填在手机号一栏',
  'roster.insured.beforeJoined': '保险到期日不能早于入队日期',
  'roster.member.onRoster': '{name} 已在本队名册中（{joined} 入队）：如需更正，请先办理离队',
  'roster.mobile.invalid': '手机号须为中国大陆手机号（11 位，可带 +86、空格或短横线）；无手机号的队员可不填',
  'roster.category.invalid':
    '人员类别须为方案所列之一：社区工作人员、退役军人、退出消防员、辖区单位工作人员、医疗人员、物业保安、其他志愿者、政府购买服务人员',
  'roster.membership.exists': '名册中已有编号为 {id} 的队员记录',
  'roster.membership.none': '社区 {community} 的名册中没有在队的队员记录 {id}',
  'roster.left.beforeJoined': '离队日期（{left}）不能早于入队日期（{joined}）',
  'roster.correction.empty': '请填写要更正的人员类别或意外伤害保险到期日',
  'roster.resolve.none': '只有仍在队、标为疑似重复的队员需要核实',
  'roster.erase.active': '{name} 仍在队：请先办理离队，再删除其个人信息',
  'roster.erase.already': '该队员的个人信息已于 {at} 删除',
  'roster.role.mobile': '队内职务中不能写手机号：职务只写如“队长”“联络员”',
  'roster.date.future': '{label} {date} 不能晚于今天（{today}）',
  'activity.kind.invalid': '活动类型须为 培训、演练、出动 或 服务',
  'activity.hours.invalid': '时长须为 0.5 至 72 小时，以半小时计',
  'activity.attendee.invalid': '参加队员须为本队名册中的队员',
  'activity.attendees.none': '请至少选择一名参加的队员',
  'activity.attendees.tooMany': '一次活动最多记录 {max} 名队员',
  'activity.attendees.repeated': '同一名队员选了两次',
  'activity.attendees.notOnRoster': '{names} 在 {date} 不在本队名册中（尚未入队或已离队），不能记为参加',
  'activity.event.none': '社区 {community} 没有活动记录 {id}',
  'activity.withdrawn.already': '该活动记录已于 {at} 撤销',
  'activity.event.same': '{date} 已有同一内容“{title}”的活动记录（{at} 录入），未重复记录；如确为另一次活动，请在内容中注明区别',
  'activity.hours.overfull': '{names} 在 {date} 的活动时长合计将超过 24 小时，不能再记为参加',
  'activity.log.full': '本队近 5 年的活动记录已达 {max} 条上限，请核实是否重复录入',
} as const;

addZhMessages(ZH_CN_PEOPLE);
