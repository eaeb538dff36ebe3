// zh-CN by default, English on request; the choice is remembered in the browser.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { IntlMessageFormat } from 'intl-messageformat';
import { format, formatWire } from '#core/messages/format.js';
import type { Message } from '#core/messages/index.js';

export type Lang = 'zh' | 'en';

export const STRINGS = {
  title: { zh: '社区响应队建设进度', en: 'Community response teams: progress' },
  demo: {
    zh: '模拟演示数据：本页数字由程序生成，仅供演示，不是各地上报的真实数据。',
    en: 'Simulated demo data: generated for demonstration, not real county submissions.',
  },
  signOut: { zh: '退出', en: 'Sign out' },
  signInAs: { zh: '以演示用户身份登录（本地）', en: 'Sign in as a demo user (local)' },
  signInLocalIdp: {
    zh: '通过本地 OpenID 登录服务（演示账号即权限组名，如 county-450102）',
    en: 'through the local OpenID provider (the demo account is the group name, e.g. county-450102)',
  },
  province: { zh: '自治区', en: 'Province' },
  city: { zh: '地级市', en: 'City' },
  county: { zh: '县（市、区）', en: 'County' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  community: { zh: '社区（村）', en: 'Community' },
  communities: { zh: '社区（村）数', en: 'Communities' },
  registered: { zh: '已建队', en: 'Teams' },
  meeting: { zh: '达标队', en: 'Meeting standard' },
  coverage: { zh: '达标覆盖率', en: 'Coverage' },
  registeredShare: { zh: '建队率', en: 'Teams registered' },
  target: { zh: '目标', en: 'Target' },
  gap: { zh: '缺口', en: 'Gap' },
  gapToMilestone: { zh: '距目标缺口', en: 'Gap to target' },
  status: { zh: '状态', en: 'Status' },
  change: { zh: '本月净增', en: 'Net change this month' },
  total: { zh: '合计', en: 'Total' },
  asOf: { zh: '截至', en: 'As of' },
  phase: { zh: '当前阶段', en: 'Phase' },
  planCount: { zh: '计划口径', en: 'In the plan' },
  registryCount: { zh: '名册社区（村）数', en: 'Communities in the registry' },
  scopeCount: { zh: '方案范围（达标率分母）', en: 'In the programme scope (the coverage denominator)' },
  registryVersion: { zh: '名录第 {v} 版', en: 'registry version {v}' },
  recordMonthEnd: { zh: '月末数据', en: 'month-end record' },
  recordVersion: { zh: '第 {v} 版', en: 'version {v}' },
  recordComputed: { zh: '按月末状态计算', en: 'computed as of the month end' },
  scopeSimulated: { zh: '范围按模拟规则划定', en: 'scope drawn by the simulated rule' },
  registryApplying: {
    zh: '名录第 {v} 版正在应用：部分社区和队伍可能仍按旧名录显示，应用完毕后数字随之更新',
    en: 'Registry version {v} is being applied: some communities and teams may still show as in the old registry until it is done',
  },
  loading: { zh: '加载中…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Retry' },
  go: { zh: '进入', en: 'Go' },
  milestones: { zh: '目标节点', en: 'Milestones' },
  nextMilestone: { zh: '下一节点还需达标', en: 'Still needed for the next milestone' },
  lastMilestone: { zh: '最后节点差额', en: 'Short of the last milestone' },
  yearEndTarget: { zh: '年底目标还需达标', en: 'Still needed for the year-end target' },
  maintenance: { zh: '巩固目标', en: 'Target to keep' },
  deadline: { zh: '截止', en: 'deadline' },
  lapsed30: { zh: '近 30 天失效', en: 'Lapsed in the last 30 days' },
  reporting: { zh: '月度报送', en: 'Monthly reporting' },
  reportThisMonth: { zh: '本月报送', en: 'This month' },
  reportDeadline: { zh: '报送截止', en: 'Due by' },
  confirmNoChange: { zh: '本月无变化，确认报送', en: 'No change this month: confirm' },
  confirmedBy: { zh: '确认人', en: 'Confirmed by' },
  reportHistory: { zh: '近 12 个月', en: 'Last 12 months' },
  onTime: { zh: '按期', en: 'On time' },
  lateCount: { zh: '逾期报送', en: 'Late' },
  missedCount: { zh: '逾期未报', en: 'Missed' },
  renewals: { zh: '待续期', en: 'Renewals due' },
  renewedThisMonth: { zh: '本月已续期', en: 'Renewed this month' },
  within: { zh: '天内', en: 'days' },
  rulesSource: { zh: '达标标准', en: 'Standard' },
  paceNeeded: { zh: '所需月均进度', en: 'Monthly pace needed' },
  paceRecent: { zh: '近三个月月均', en: 'Pace of the last 3 months' },
  forecast: { zh: '按当前进度全覆盖预计', en: 'Full coverage at this pace' },
  never: { zh: '无法预计', en: 'not at this pace' },
  perMonth: { zh: '个/月', en: '/month' },
  month: { zh: '月份', en: 'Month' },
  now: { zh: '当前（实时）', en: 'Now (live)' },
  measure: { zh: '地图指标', en: 'Map measure' },
  trend: { zh: '逐月达标覆盖率', en: 'Coverage month by month' },
  rankings: { zh: '排名', en: 'Rankings' },
  counties: { zh: '县（市、区）', en: 'Counties' },
  cities: { zh: '地级市', en: 'Cities' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportXlsx: { zh: '导出 Excel', en: 'Export Excel' },
  mapAsTable: { zh: '以表格查看', en: 'Show as table' },
  mapAsMap: { zh: '以地图查看', en: 'Show as map' },
  mapLabel: { zh: '{name}各{children}社区响应队覆盖地图', en: 'Map of coverage by {children} in {name}' },
  mapNoBoundary: {
    zh: '{name}没有边界文件，地图无法绘制：各{children}的数字见下表。',
    en: 'There is no boundary file for {name}, so no map can be drawn: the figures of its {children} are in the table below.',
  },
  backToWhole: { zh: '返回{whole}', en: 'Back to {whole}' },
  teamStatus: { zh: '队伍状态', en: 'Team status' },
  'team.none': { zh: '未建队', en: 'No team' },
  'team.registered': { zh: '已建队未达标', en: 'Registered, not meeting standard' },
  'team.meets-standard': { zh: '已达标', en: 'Meets standard' },
  all: { zh: '全部', en: 'All' },
  failingRule: { zh: '未达标原因', en: 'Failing rule' },
  search: { zh: '搜索名称或代码', en: 'Search name or code' },
  shown: { zh: '显示', en: 'Showing' },
  import: { zh: '批量导入', en: 'Bulk import' },
  template: { zh: '下载导入模板', en: 'Download template' },
  newTeam: { zh: '登记队伍', en: 'Register team' },
  edit: { zh: '修改', en: 'Edit' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  revealPhone: { zh: '显示完整号码（将被记录）', en: 'Show full number (logged)' },
  revealReason: { zh: '查看原因（必填，记入修改记录）', en: 'Why you need it (required, kept in the history)' },
  revealReasonExample: { zh: '例如：电话核实队伍信息', en: 'e.g. calling to check the team' },
  revealSubmit: { zh: '显示号码', en: 'Show number' },
  revealLimited: { zh: '已达本小时查看上限', en: "This hour's limit is reached" },
  history: { zh: '修改记录', en: 'History' },
  verdict: { zh: '达标判定', en: 'Verdict' },
  verdictPreview: { zh: '保存前预判', en: 'Verdict before saving' },
  holdsUntil: { zh: '判定有效至', en: 'Holds until' },
  version: { zh: '版本', en: 'Version' },
  conflict: { zh: '保存冲突：有人在你之后保存了这支队伍', en: 'Conflict: someone saved this team after you opened it' },
  theirs: { zh: '对方已保存的版本', en: 'Their saved version' },
  mine: { zh: '我的修改', en: 'My changes' },
  keepMine: { zh: '以我的修改覆盖', en: 'Save mine over theirs' },
  keepTheirs: { zh: '放弃我的修改', en: 'Discard mine' },
  dropFile: {
    zh: '把填好的模板（.xlsx 或 .csv）拖到这里，或点击选择文件',
    en: 'Drop the filled template (.xlsx or .csv) here, or click to choose',
  },
  dryRun: { zh: '试导入（只检查，不保存）', en: 'Dry run (check only)' },
  commit: { zh: '正式导入', en: 'Import' },
  row: { zh: '行', en: 'Row' },
  result: { zh: '结果', en: 'Result' },
  reasons: { zh: '原因', en: 'Reasons' },
  accepted: { zh: '通过', en: 'Accepted' },
  rejected: { zh: '不通过', en: 'Rejected' },
  skipped: { zh: '跳过（未填写）', en: 'Skipped (blank)' },
  imported: { zh: '已导入', en: 'Imported' },
  members: { zh: '队员', en: 'Members' },
  leader: { zh: '队长', en: 'Leader' },
  none: { zh: '无', en: 'none' },
  saved: { zh: '已保存', en: 'Saved' },
  signIn: { zh: '登录', en: 'Sign in' },
  signInUnavailable: { zh: '登录服务暂不可用，请稍后重试', en: 'The sign-in service is not available: try again later' },
  signInFailed: { zh: '登录失败，请重试', en: 'The sign-in failed: try again' },
  signInStateMismatch: { zh: '登录状态不符，请重新登录', en: 'The sign-in did not match the one started here: sign in again' },
  rankingsVerifiedBasis: {
    zh: '核实覆盖率：{campaign}{interim}，名录第 {v} 版；“·”后为核查次数。报送覆盖率为所选月份数据。',
    en: 'Verified coverage: {campaign}{interim}, registry version {v}; after "·" the number of checks. Reported coverage is the selected month\'s.',
  },
  importWait: {
    zh: '上一个文件还在检查或导入，完成后再选新文件。',
    en: 'The last file is still being checked or imported: choose the next one when it is done.',
  },
  sessionEnded: {
    zh: '登录已失效，请重新登录。正在填写的队伍表单已保留，重新打开即可继续。',
    en: 'Your sign-in has ended: sign in again. A team form you were filling in is kept; open it again to go on.',
  },
  signInRefused: {
    zh: '无法登录：{reason}（重新登录不会改变，请联系管理员调整账号所属的组）',
    en: 'You cannot sign in: {reason} (signing in again will not change it: ask the administrator to correct the account’s group)',
  },
  draftRestored: { zh: '已恢复上次未保存的填写内容。', en: 'What you had filled in and not saved is back.' },
  draftChangedSince: {
    zh: '此后有人保存过这支队伍：保存时将显示双方版本，由你选择。',
    en: 'Someone has saved this team since: saving will show both versions for you to choose.',
  },
  keptTheirs: {
    zh: '已放弃我的修改，未保存；显示的是他人保存的版本',
    en: "Your changes were discarded, nothing saved; shown is the other person's version",
  },
  outbox: { zh: '月报邮件', en: 'Monthly emails' },
  registry: { zh: '社区名录', en: 'Registry' },
  registryVersions: { zh: '名录版本', en: 'Registry versions' },
  effectiveFrom: { zh: '生效日期', en: 'Effective from' },
  source: { zh: '来源', en: 'Source' },
  changeCount: { zh: '变更项数', en: 'Changes' },
  inForce: { zh: '现行', en: 'in force' },
  applied: { zh: '已生效', en: 'Applied' },
  applying: { zh: '正在应用（若长时间未完成，是上次中断：可续做）', en: 'Being applied (if this lasts, it was cut off: resume it)' },
  preparing: { zh: '正在提交（若长时间未完成，续做将作废此版）', en: 'Being submitted (if this lasts, resuming abandons it)' },
  abandoned: { zh: '已作废（提交未完成，未作变更）', en: 'Abandoned (never completed; changed nothing)' },
  resume: { zh: '续做', en: 'Resume' },
  registryChange: { zh: '变更名录', en: 'Change the registry' },
  registryChangeHelp: {
    zh: '上传变更表（.xlsx 或 .csv，表头：变更类型、代码、名称、目标代码、范围原因、原因；变更类型为 新增、撤销、更名、合并、拆分、代码变更、移出方案范围、纳入方案范围）。先试运行，看清对名录和队伍的影响，再确认变更。已结束月份的数据不受影响。',
    en: 'Upload a change table (.xlsx or .csv, with the Chinese headers below; the change type is add, remove, rename, merge, split, recode, exclude or include, or its Chinese word). Dry-run it to see what it does to the registry and to teams, then apply. Months already ended are not affected.',
  },
  changeFile: { zh: '变更表', en: 'Change table' },
  changeKind: { zh: '变更类型', en: 'Change' },
  code: { zh: '代码', en: 'Code' },
  nameOrTarget: { zh: '名称或目标代码', en: 'Name or target' },
  teamActions: { zh: '对队伍的影响', en: 'What happens to teams' },
  teamClosed: { zh: '撤销（历史保留）', en: 'closed (history kept)' },
  outOfScope: { zh: '不计入方案范围', en: 'Outside the programme scope' },
  intoScope: { zh: '纳入方案范围', en: 'into the programme scope' },
  registryDryRun: { zh: '试运行（只检查，不变更）', en: 'Dry run (check only)' },
  registryCommit: { zh: '确认变更', en: 'Apply' },
  annualSummary: { zh: '年度总结', en: 'yearly summary' },
  annualDue: { zh: '报送截止', en: 'Due' },
  monthEnd: { zh: '月末数据', en: 'month-end figures' },
  pastMonthCounty: {
    zh: '{month}末：覆盖率 {coverage}，达标队伍 {meeting} 支，已登记 {registered} 支。以下为当前数据（{today}）。',
    en: 'End of {month}: coverage {coverage}, {meeting} teams meeting the standard, {registered} registered. Below: the figures of today ({today}).',
  },
  annualDraftNotSaved: { zh: '系统起草，尚未保存', en: 'drafted by the tracker, not saved yet' },
  submittedAt: { zh: '提交于', en: 'submitted' },
  annualRedraft: { zh: '恢复系统起草的内容', en: "Restore the tracker's draft" },
  annualSubmit: { zh: '提交上报', en: 'Submit' },
  annualSubmitConfirm: { zh: '提交后不能再修改。确定提交？', en: 'A submitted summary cannot be changed. Submit?' },
  annualParts: { zh: '下级年度总结', en: 'Summaries of the areas' },
  annualStatusSubmitted: { zh: '已提交', en: 'submitted' },
  area: { zh: '地区', en: 'Area' },
  campaigns: { zh: '督导检查', en: 'Supervision' },
  campaign: { zh: '检查', en: 'Campaign' },
  recordCheck: { zh: '填写核查', en: 'Record a check' },
  checkMethod: { zh: '核查方式', en: 'How' },
  teamExists: { zh: '队伍存在', en: 'The team exists' },
  membersFound: { zh: '核实队员人数', en: 'Members found' },
  note: { zh: '说明', en: 'Note' },
  verifiedCoverage: { zh: '核实覆盖率（95% 区间）', en: 'Verified coverage (95 % interval)' },
  checksOf: { zh: '次核查，', en: 'checks in' },
  countiesChecked: { zh: '个县（市、区）', en: 'counties' },
  bulletin: { zh: '通报', en: 'Bulletin' },
  checked: { zh: '已核查', en: 'Checked' },
  sample: { zh: '抽样名单', en: 'Sample' },
  notChecked: { zh: '未核查', en: 'not checked' },
  verified: { zh: '核实覆盖率', en: 'Verified coverage' },
  restsOn: { zh: '依据', en: 'Rests on' },
  discrepancyRate: { zh: '差异率', en: 'Discrepancy rate' },
  campaignProgress: { zh: '督导检查进度', en: 'Supervision progress' },
  remaining: { zh: '未核查', en: 'Remaining' },
  overdueCounties: { zh: '逾期未完成', en: 'Overdue' },
  findings: { zh: '核查发现问题', en: 'Supervision findings' },
  answerCorrected: { zh: '已整改', en: 'Corrected' },
  answerDisputed: { zh: '有异议', en: 'Dispute' },
  answerClose: { zh: '销号', en: 'Close' },
  answerReason: { zh: '说明', en: 'Reason' },
  answerConflict: {
    zh: '答复未保存：你打开本页后，已有人答复或销号了这个问题。下表已更新为最新状态，请看过后再答复（你写的说明仍保留）。',
    en: 'Your answer was not saved: someone answered or closed this finding after you opened the page. The table now shows the latest; read it, then answer again (your reason is kept).',
  },
  noFindings: { zh: '没有待处理的核查问题。', en: 'No open findings.' },
  phone: { zh: '电话', en: 'Phone' },
  teamName: { zh: '队伍', en: 'Team' },
  openChecklist: { zh: '打开核查清单（显示完整电话，记录查看）', en: 'Open the checklist (full phones; each view is recorded)' },
  fieldTeamName: { zh: '队伍名称', en: 'Team name' },
  fieldLeaderName: { zh: '队长姓名', en: "Leader's name" },
  fieldLeaderPhone: { zh: '队长电话', en: "Leader's phone" },
  fieldEstablishedOn: { zh: '成立日期', en: 'Established on' },
  fieldInsuredMembers: { zh: '参保人数', en: 'Members insured' },
  fieldInsuranceExpiresOn: { zh: '保险到期日期（含当日）', en: 'Insurance ends on (inclusive)' },
  fieldLastTrainingOn: { zh: '最近培训演练日期', en: 'Last training or drill on' },
  insuranceTraining: { zh: '保险 · 培训', en: 'Insurance · training' },
  insured: { zh: '参保', en: 'Insured' },
  lastTraining: { zh: '最近培训演练', en: 'Last training or drill' },
  field: { zh: '字段', en: 'Field' },
  fillToSee: { zh: '填写后显示', en: 'Shown once filled in' },
  issuesToFix: { zh: '处需要修改', en: 'fields to correct' },
  spaceSeparated: { zh: '空格分隔', en: 'space-separated' },
  created: { zh: '新建', en: 'created' },
  updated: { zh: '更新', en: 'updated' },
  unchanged: { zh: '未变', en: 'unchanged' },
  meetingStandard: { zh: '本文件接受的行中达标', en: 'accepted rows meeting the standard' },
  ignoredColumns: { zh: '忽略列', en: 'ignored columns' },
  replayed: { zh: '（重复提交，返回首次结果）', en: ' (submitted again: the first result)' },
  notMeeting: { zh: '未达标', en: 'Not meeting the standard' },
  menu: { zh: '菜单', en: 'Menu' },
  mainMenu: { zh: '主菜单', en: 'Main menu' },
  demoTag: { zh: '（模拟演示数据）', en: ' (demo data)' },
  equipmentField: { zh: '基本救援装备', en: 'Basic rescue equipment' },
  sourceRegistry: { zh: '名录版本 {v}', en: 'registry version {v}' },
  bySystem: { zh: '系统', en: 'system' },
  allChecked: { zh: '全部核查', en: 'all checked' },
  fileColumn: { zh: '「{column}」', en: '"{column}" ' },
  fileValue: { zh: '“{value}”', en: '"{value}"' },
  wholeArea: { zh: '{whole}', en: '{whole}' },
  // The root area's words in English (Chinese takes them from the programme: 全区, 自治区, 县（市、区）), and in
  // Chinese until the programme is read.
  areaWhole: { zh: '全部', en: 'the whole area' },
  areaOrganiser: { zh: '主管单位', en: 'the programme office' },
  areaChildCounties: { zh: '县（市、区）', en: 'county' },
  areaChildTownships: { zh: '乡镇（街道）', en: 'township' },
  methodPhone: { zh: '电话联系队长', en: 'Phoned the leader' },
  methodVisit: { zh: '实地查看', en: 'Visited' },
  methodUnreachable: { zh: '联系不上', en: 'Unreachable' },
  evidenceRef: { zh: '佐证材料编号', en: 'Evidence reference' },
  noTeamReported: { zh: '未报送队伍', en: 'No team reported' },
  interimTag: { zh: '（中期）', en: '(interim) ' },
  interimSuffix: { zh: '（中期）', en: ' (interim)' },
  coveredShare: { zh: '（占社区 {share}）', en: ' ({share} of the communities)' },
  campaignDesign: {
    zh: '每县抽查 {n} 个，核实达标不少于 {d} 个判为达标；实际 {upper} 时误判未达标的概率 {alpha}，实际 {lower} 时误判达标的概率 {beta}。随机种子 {seed}，名录第 {registry} 版，截止 {deadline}。',
    en: '{n} checks a county; pass with {d}. Risks: α {alpha} at {upper}, β {beta} at {lower}. Seed {seed}, registry version {registry}, deadline {deadline}.',
  },
  seedLater: { zh: '截止后公布（SHA-256 {hash}…）', en: 'published after the deadline (SHA-256 {hash}…)' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  ruleMet: { zh: '达标', en: 'met' },
  ruleNotMet: { zh: '未达标', en: 'not met' },
  findingTeamExists: { zh: '队伍存在：报送 {reported}，核实 {found}', en: 'Team exists: reported {reported}, found {found}' },
  findingMembers: { zh: '队员人数：报送 {reported}，核实 {found}', en: 'Members: reported {reported}, found {found}' },
  findingRule: { zh: '{rule}：报送 {reported}，核实 {found}', en: '{rule}: reported {reported}, found {found}' },
  findingFound: { zh: '发现', en: 'Found' },
  findingAction: { zh: '处理', en: 'Action' },
  correctHint: {
    zh: '整改：先在队伍页面或导入中改正队伍信息，再点“已整改”；有异议请写明理由。',
    en: 'To correct: fix the team (form or import) first, then mark it corrected; a dispute needs a reason.',
  },
  erasePrompt: { zh: '删除队长姓名和电话的原因（将记入修改记录）：', en: "Why erase the leader's name and phone (kept in the history)?" },
  demoData: { zh: '模拟演示数据', en: 'demo data' },
  personalDataErased: { zh: '个人信息已删除（{at}）', en: 'Personal data erased ({at})' },
  teamFinding: {
    zh: '核查发现问题：督导检查发现该队伍与报送情况不一致，请核实更正后在本县页面答复。',
    en: 'Supervision found this team differs from what was reported: correct it, then answer on the county page.',
  },
  teamClosedNotice: {
    zh: '此队伍已撤销：所在社区已从名录中撤销、合并或改了代码（见下方记录），历史保留，不再计入。',
    en: 'This team is closed: its community left the registry (see the history); its history is kept, it no longer counts.',
  },
  teamOutOfScope: {
    zh: '此社区不在方案范围内：队伍保留，但不计入达标率。',
    en: 'This community is outside the programme scope: the team is kept but does not count.',
  },
  eraseLeader: { zh: '删除队长个人信息', en: "Erase leader's personal data" },
  teamCreated: { zh: '新建队伍', en: 'team registered' },
  countedChange: { zh: '是否计入', en: 'Counted' },
  revealsTitle: { zh: '查看完整电话的记录', en: 'Who saw the full phone number' },
  'excluded.closed': { zh: '已撤销', en: 'closed' },
  'excluded.out-of-scope': { zh: '不计入方案范围', en: 'outside the scope' },
  'excluded.none': { zh: '计入', en: 'counted' },
  reportedByRoot: { zh: '由{organiser}代报', en: 'by {organiser} on its behalf' },
  asOfDay: { zh: '截至 {day}', en: 'as of {day}' },
  renewalsAndLapses: { zh: '续期与失效', en: 'Renewals and lapses' },
  lapsedOn: { zh: '失效日期', en: 'Lapsed on' },
  rowN: { zh: '第 {n} 行', en: 'Row {n}' },
  registrySourceExample: {
    zh: '如：民政部门 2026 年区划调整批复',
    en: 'e.g. the 2026 boundary approval of the Civil Affairs Department',
  },
  notCheckedLegend: { zh: '未核查', en: 'Not checked' },
  checksOfSample: { zh: '{checked} / {sampled} 次核查', en: '{checked} / {sampled} checks' },
  verifiedBasis: { zh: '{campaign}{interim} · 名录第 {registry} 版', en: '{campaign}{interim} · registry version {registry}' },
  noSupervisionYet: { zh: '尚无督导检查结果', en: 'No supervision results yet' },
  countiesDone: { zh: '已完成的县（市、区）', en: 'Counties done' },
  downloadTeamsForRenewal: { zh: '下载本县队伍表（用于续期）', en: 'Download teams (for renewal)' },
  discrepancyFound: { zh: '核查发现问题', en: 'Supervision found a discrepancy' },
  breadcrumbs: { zh: '当前位置', en: 'You are here' },
  rootOffice: { zh: '{name}应急管理{unit}', en: '{name} Emergency Management {unit}' },
  department: { zh: '厅', en: 'Department' },
  bureauUnit: { zh: '局', en: 'Bureau' },
  bureau: { zh: '应急管理局', en: ' Emergency Management Bureau' },
  // A team's roster (队员名册)
  rosterTitle: { zh: '队员名册', en: 'Roster' },
  rosterCounted: { zh: '今日在队并计入 {n} 人', en: '{n} on the team today and counted' },
  rosterDuplicates: { zh: '重复在册 {n} 人（计入其他队伍）', en: '{n} on another roster too (counted there)' },
  rosterSuspectedCount: { zh: '疑似重复 {n} 人（待核实）', en: '{n} possible duplicates (to check)' },
  rosterUncheckedCount: { zh: '未查重 {n} 人（无手机号）', en: '{n} not checked (no mobile)' },
  rosterEmpty: {
    zh: '尚未登记名册：队伍人数按填报数计算（自报人数，无名册）。',
    en: 'No roster yet: the team is counted by the numbers typed in (self-reported, no roster).',
  },
  rosterName: { zh: '姓名', en: 'Name' },
  rosterMobile: { zh: '手机号', en: 'Mobile' },
  rosterMobileOptional: { zh: '手机号（无手机号可不填，记为未查重）', en: 'Mobile (may be left out: the member is then not checked)' },
  rosterCategory: { zh: '人员类别', en: 'Category' },
  rosterJoined: { zh: '入队日期', en: 'Joined on' },
  rosterLeft: { zh: '离队日期', en: 'Left on' },
  rosterInsured: { zh: '意外伤害保险到期日', en: 'Insured through' },
  rosterStanding: { zh: '计入情况', en: 'How counted' },
  rosterActions: { zh: '操作', en: 'Actions' },
  rosterCounts: { zh: '计入本队', en: 'Counted here' },
  rosterDuplicate: { zh: '重复在册', en: 'On another roster' },
  rosterSuspected: { zh: '疑似重复', en: 'Possible duplicate' },
  rosterUnchecked: { zh: '未查重', en: 'Not checked' },
  rosterCountsIn: { zh: '计入社区', en: 'counted in community' },
  rostersTeams: { zh: '有队员名册的队伍 {withRoster} / {teams} 支', en: '{withRoster} of {teams} teams have a roster' },
  rostersMembers: {
    zh: '名册计入 {onRosters} 人，无名册队伍自报 {typed} 人',
    en: '{onRosters} members counted from rosters, {typed} typed by teams without one',
  },
  rosterImportTitle: { zh: '队员名册导入', en: 'Import a roster' },
  rosterImportHelp: {
    zh: '模板或续报文件中的“队员名册”表（或另存为 CSV）：每名队员一行。已在名册中的队员，改人员类别或保险到期日期即为更正，填离队日期即为离队；文件中没有列出的队员不受影响。',
    en: "The template's or renewal file's roster sheet (or that sheet saved as CSV): one row a member. For a member already on the roster, a new category or insurance date corrects them and a day left ends their membership; members the file does not list are left as they are.",
  },
  rosterDropFile: {
    zh: '把队员名册文件（.xlsx 或 .csv）拖到这里，或点击选择文件',
    en: 'Drop the roster file (.xlsx or .csv) here, or click to choose',
  },
  rosterAdded: { zh: '新增', en: 'Added' },
  rosterUpdated: { zh: '更正', en: 'Corrected' },
  rosterEnded: { zh: '离队', en: 'Left' },
  rosterTeamsChanged: { zh: '名册有变更的队伍', en: 'Teams whose roster changes' },
  rosterMembersBeforeAfter: { zh: '计入人数（导入前 → 后）', en: 'Members counted (before → after)' },
  rosterVerdictBeforeAfter: { zh: '是否达标（导入前 → 后）', en: 'Meets the standard (before → after)' },
  rosterRowsShown: {
    zh: '下表列出被拒绝或有提示的行（共 {n} 行）；其余各行检查通过。',
    en: 'The table lists the rows refused or with a note ({n} in all); every other row passed.',
  },
  rosterRowsCut: { zh: '只显示前 {shown} 行。', en: 'Only the first {shown} are shown.' },
  rankingsWithRoster: { zh: '有名册队伍', en: 'Teams with a roster' },
  rankingsSuspected: { zh: '疑似重复（待核实）', en: 'Possible duplicates (to resolve)' },
  membersFromRoster: { zh: '按队员名册计', en: 'counted from the roster' },
  membersTyped: { zh: '自报人数（无名册）', en: 'typed count (no roster)' },
  membersTypedBeside: { zh: '自报', en: 'typed' },
  insuredFromRoster: { zh: '按队员名册中各人的保险到期日计（见下方名册）', en: "from each member's insurance on the roster (below)" },
  formMembersFromRoster: {
    zh: '本队已建队员名册：是否达标按名册在队人数（{count} 人）判定。下面的自报人数仅作对照，不计入判定。',
    en: 'This team has a roster: whether it meets the standard is judged by the {count} members on it. The typed counts below are kept for comparison only.',
  },
  formInsuranceFromRoster: {
    zh: '本队已建队员名册：保险是否达标按名册中各人的保险到期日判定，下面的参保人数和到期日仅作对照。',
    en: "This team has a roster: insurance is judged by each member's insured-through date on it; the count and date below are kept for comparison only.",
  },
  rosterChangeAdded: { zh: '名册新增队员（{category}，{joined} 入队）', en: 'Member added to the roster ({category}, joined {joined})' },
  rosterChangeLeft: { zh: '名册队员离队（{left}）', en: 'Member left the roster ({left})' },
  rosterChangeCounts: { zh: '名册队员自 {date} 起计入本队', en: 'Member on the roster counted here from {date}' },
  rosterChangeSamePerson: {
    zh: '疑似重复核实为同一人：改为重复在册，不再计入本队',
    en: 'Possible duplicate found the same person: no longer counted here',
  },
  rosterChangeOtherPerson: {
    zh: '疑似重复核实为共用手机号的另一人：继续计入本队',
    en: 'Possible duplicate found another person sharing the phone: counted here',
  },
  rosterChangeInsured: { zh: '保险至 {date}', en: 'insured through {date}' },
  rosterChangeCorrected: { zh: '名册队员信息更正（{what}）', en: 'Roster entry corrected ({what})' },
  rosterChangeOther: { zh: '名册队员记录更正', en: 'Roster entry corrected' },
  rosterEnd: { zh: '离队', en: 'Record leaving' },
  rosterHasLeft: { zh: '已离队', en: 'Has left' },
  rosterCorrect: { zh: '更正', en: 'Correct' },
  rosterCorrectWhat: {
    zh: '更正 {name} 的人员类别或意外伤害保险到期日（如续保）：计入情况不变。',
    en: "Correct {name}'s category or insured-through date (a renewal, say): how they count stays.",
  },
  rosterCorrectConfirm: { zh: '保存更正', en: 'Save' },
  rosterDistinct: { zh: '共用手机号的另一人', en: 'Another person sharing the phone' },
  rosterResolveSame: { zh: '核实为同一人', en: 'Same person' },
  rosterResolveOther: { zh: '核实为另一人', en: 'Another person' },
  rosterErased: { zh: '（个人信息已删除）', en: '(personal data erased)' },
  rosterErase: { zh: '删除个人信息', en: 'Erase personal data' },
  rosterEraseWhat: {
    zh: '删除 {name} 的姓名和手机号：删除后不可恢复；人数统计不变，修改记录只留原因、不留原值。',
    en: "Erase {name}'s name and mobile: this cannot be undone; every count stays, and the history keeps the reason, never the values.",
  },
  rosterEraseReason: { zh: '原因（必填）', en: 'Reason (required)' },
  rosterEraseConfirm: { zh: '确认删除', en: 'Erase' },
  rosterHandedTo: {
    zh: '此人原计入本队，现已改为计入社区 {community} 的队伍。',
    en: 'This person counted here: they now count for the team of community {community}.',
  },
  rosterLeftOn: { zh: '{name} 的离队日期', en: 'The day {name} left' },
  rosterEndConfirm: { zh: '确认离队', en: 'Record the leaving' },
  rosterAdd: { zh: '登记队员', en: 'Add a member' },
  rosterAddSubmit: { zh: '登记', en: 'Add' },
  // The national office's pages: every programme side by side
  nationOffice: { zh: '应急管理部', en: 'Ministry of Emergency Management' },
  nationTitle: { zh: '各地社区响应队建设计划', en: 'Community response team programmes' },
  nationNotSummed: {
    zh: '各计划按各自的建设标准评定，标准不同，覆盖率不相加，也不合计为全国覆盖率；下表并列显示，点击地区查看其下级（县或乡镇）。',
    en: 'Each programme judges teams by its own standard: as the standards differ, their coverages are not added up into a national figure. They are shown side by side; open an area for its counties or townships.',
  },
  nationArea: { zh: '地区', en: 'Area' },
  nationProgramme: { zh: '计划', en: 'Programme' },
  nationStandard: { zh: '建设标准（版本）', en: 'Standard (version)' },
  nationRules: { zh: '{count} 项规则', en: '{count, plural, one {# rule} other {# rules}}' },
  nationBack: { zh: '返回各计划', en: 'Back to all programmes' },
  nationDrill: { zh: '{name}：各县（市、区）', en: '{name}: by county' },
  nationDrillTownships: { zh: '{name}：各乡镇（街道）', en: '{name}: by township' },
  nationReadOnly: {
    zh: '只读：只显示汇总数，不含队伍、队长和联系方式。',
    en: 'Read-only: figures only, with no team, leader or contact details.',
  },
  townshipNoneInScope: { zh: '无社区（村）在方案范围内', en: 'No community in the programme’s scope' },
  townshipCommunities: { zh: '{name}各社区（村）', en: 'The communities of {name}' },
  rootOfficeOf: { zh: '计划 {area} 的主管单位', en: 'Root office of programme {area}' },
  levelProvince: { zh: '省级', en: 'province' },
  levelCity: { zh: '市级', en: 'city' },
  levelCounty: { zh: '县级', en: 'county' },
  // Where a team's version came from (its history)
  sourceForm: { zh: '表单', en: 'form' },
  sourceSeed: { zh: '演示数据', en: 'demo data' },
  sourceLapse: { zh: '到期自动判定', en: 'expiry check' },
  sourceReevaluate: { zh: '标准修订后重新判定', en: 're-judged under a revised standard' },
  sourceCorrection: { zh: '更正', en: 'correction' },
  sourceErasure: { zh: '删除个人信息', en: 'personal data erased' },
  sourceImport: { zh: '批量导入', en: 'import' },
  sourceRoster: { zh: '队员名册', en: 'roster' },
  sourceRosterImport: { zh: '队员名册导入', en: 'roster import' },
  sourceHandover: { zh: '重复在册人员转入计数', en: 'count handed over from another roster' },
  // A county's verdict in a campaign, a check's outcome, a finding's status
  classPass: { zh: '达标', en: 'Pass' },
  classFail: { zh: '未达标', en: 'Fail' },
  classIncomplete: { zh: '样本未完成', en: 'Sample incomplete' },
  outcomeConfirmed: { zh: '核实一致', en: 'Confirmed' },
  outcomeDiscrepancy: { zh: '发现问题', en: 'Discrepancy' },
  outcomeUnreachable: { zh: '联系不上', en: 'Unreachable' },
  findingOpen: { zh: '待答复', en: 'Awaiting answer' },
  findingCorrected: { zh: '已整改', en: 'Corrected' },
  findingDisputed: { zh: '有异议', en: 'Disputed' },
  findingClosed: { zh: '已销号', en: 'Closed' },
} satisfies Record<string, Record<Lang, string>>;

export type Key = keyof typeof STRINGS;

const compiled = new Map<string, IntlMessageFormat>();
/**
 * A page's text with its arguments filled in by FormatJS, the library the API's catalogue is written
 * with (ICU: {name}, plurals). Arguments come already written (a percentage, a grouped count, a code or
 * a year as it is), so the message never groups a code's or a year's digits.
 */
export function fill(lang: Lang, key: Key, params: Record<string, string>): string {
  const id = `${lang}\u0000${key}`;
  let f = compiled.get(id);
  if (!f) {
    f = new IntlMessageFormat(STRINGS[key][lang], lang === 'zh' ? 'zh-CN' : 'en', undefined, { ignoreTag: true });
    compiled.set(id, f);
  }
  return String(f.format(params));
}

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, set] = useState<Lang>(() => {
    const l: Lang = localStorage.getItem('lang') === 'en' ? 'en' : 'zh';
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    document.title = STRINGS.title[l];
    return l;
  });
  const setLang = (l: Lang) => {
    localStorage.setItem('lang', l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    document.title = STRINGS.title[l];
    set(l);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

/** Punctuation as each language writes it: （…）：，；、 in Chinese, (…): , ; and commas in English. */
export function punct(lang: Lang) {
  const zh = lang === 'zh';
  const comma = zh ? '，' : ', ';
  const brackets = zh ? (['（', '）'] as const) : ([' (', ')'] as const);
  return {
    brackets,
    paren: (s: string) => `${brackets[0]}${s}${brackets[1]}`,
    colon: zh ? '：' : ': ',
    comma,
    semi: zh ? '；' : '; ',
    /** Between the items of a short series (column names, dates): 、 in Chinese. */
    series: zh ? '、' : ', ',
    list: (items: string[]) => items.join(comma),
  };
}

/** The language the reader chose, as the API's Accept-Language and the catalogue name it. */
export const catalogueLang = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');
export const storedLang = (): Lang => (localStorage.getItem('lang') === 'en' ? 'en' : 'zh');

export function useLang() {
  const { lang, setLang } = useContext(LangContext);
  const locale = catalogueLang(lang);
  /** A page's text in the reader's language; with `params`, its {name} arguments filled in. */
  const t = (key: Key, params?: Record<string, string>) => (params ? fill(lang, key, params) : STRINGS[key][lang]);
  /** A message of the catalogue in the reader's language. */
  const fmt = (m: Message) => format(locale, m);
  /** A message as an answer carried it ({ messageId, params, message }): the catalogue's text, or the answer's own when the catalogue cannot write it. */
  const fmtWire = (w: { messageId?: unknown; params?: unknown; message?: unknown }) => formatWire(locale, w);
  /** A note or reason a record carries: the system's message in the reader's language, or a person's own text as typed. */
  const said = (text: string | null | undefined, wire?: { messageId?: unknown; params?: unknown; message?: unknown }) =>
    wire ? fmtWire(wire) || (text ?? '') : (text ?? '');
  const pct = (x: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const num = (x: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x);
  const month = (m: string) => (lang === 'zh' ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : m);
  return { lang, setLang, t, fmt, fmtWire, said, pct, num, month, ...punct(lang) };
}
