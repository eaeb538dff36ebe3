// zh-CN by default, English on request; the choice is remembered in the browser.
import { createContext, useContext, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const STRINGS = {
  title: { zh: '八桂应急先锋社区响应队建设进度', en: 'Guangxi community response teams: rollout' },
  demo: { zh: '模拟演示数据：本页数字由程序生成，仅供演示，不是各地上报的真实数据。', en: 'Simulated demo data: generated for demonstration, not real county submissions.' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  signInAs: { zh: '以演示用户身份登录（本地）', en: 'Sign in as a demo user (local)' },
  province: { zh: '自治区', en: 'Province' },
  city: { zh: '地级市', en: 'City' },
  county: { zh: '县（市、区）', en: 'County' },
  communities: { zh: '社区（村）数', en: 'Communities' },
  registered: { zh: '已建队', en: 'Teams' },
  meeting: { zh: '达标队', en: 'Meeting standard' },
  coverage: { zh: '达标覆盖率', en: 'Coverage' },
  target: { zh: '目标', en: 'Target' },
  gap: { zh: '缺口', en: 'Gap' },
  status: { zh: '状态', en: 'Status' },
  total: { zh: '合计', en: 'Total' },
  asOf: { zh: '截至', en: 'As of' },
  phase: { zh: '当前阶段', en: 'Phase' },
  planCount: { zh: '计划口径社区数', en: 'Communities in the plan' },
  registryCount: { zh: '名册社区数', en: 'Communities in the registry' },
  loading: { zh: '加载中…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Retry' },
  'status.met': { zh: '已达标', en: 'Met' },
  'status.on-track': { zh: '进度正常', en: 'On track' },
  'status.at-risk': { zh: '有风险', en: 'At risk' },
  'status.behind': { zh: '滞后', en: 'Behind' },
  due: { zh: '到期', en: 'due' },
  go: { zh: '进入', en: 'Go' },
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
  const t = (key: Key) => STRINGS[key][lang];
  const pct = (x: number) => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const num = (x: number) => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en').format(x);
  return { lang, setLang, t, pct, num };
}
