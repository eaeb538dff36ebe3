// zh-CN by default, English on request; the choice is remembered in the browser.
import { createContext, useContext, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const STRINGS = {
  title: { zh: '八桂应急先锋社区响应队建设进度', en: 'Guangxi community response teams: rollout' },
  demo: { zh: '模拟演示数据：本页数字由程序生成，仅供演示，不是各地上报的真实数据。', en: 'Simulated demo data: generated for demonstration, not real county submissions.' },
  signOut: { zh: '退出', en: 'Sign out' },
  signInAs: { zh: '以演示用户身份登录（本地）', en: 'Sign in as a demo user (local)' },
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
  scopeSimulated: { zh: '范围按模拟规则划定', en: 'scope drawn by the simulated rule' },
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
  mapLabel: { zh: '广西各县（市、区）社区响应队覆盖地图', en: 'Map of coverage by county in Guangxi' },
  backToProvince: { zh: '返回全区', en: 'Back to province' },
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
  dropFile: { zh: '把填好的模板（.xlsx 或 .csv）拖到这里，或点击选择文件', en: 'Drop the filled template (.xlsx or .csv) here, or click to choose' },
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
  outbox: { zh: '月报邮件', en: 'Monthly emails' },
} satisfies Record<string, Record<Lang, string>>;

export type Key = keyof typeof STRINGS;

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, set] = useState<Lang>(() => (localStorage.getItem('lang') === 'en' ? 'en' : 'zh'));
  const setLang = (l: Lang) => {
    localStorage.setItem('lang', l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    set(l);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  const { lang, setLang } = useContext(LangContext);
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  const t = (key: Key) => STRINGS[key][lang];
  const pct = (x: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const num = (x: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x);
  const month = (m: string) => (lang === 'zh' ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : m);
  return { lang, setLang, t, pct, num, month };
}
