// npm start's sign-in page (the local OpenID provider's login step): the demo accounts listed by the
// office they stand for, in Chinese and English, one click each; any other group typed by hand. Local
// only: there are no passwords, and an account is its group (province, city-4501, county-450102).
import { escapeHtml } from '#core/summary.js';
import { programmeOf } from '#core/tenancy.js';
import { NATION_GROUP, rootGroup } from '#core/groups.js';

export interface DemoAccount {
  login: string;
  zh: string;
  en: string;
}

/** The offices a newcomer tries first: Guangxi's province, a city and two of its counties; 龙泉市's and 樟树市's own offices. */
const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'province-45', zh: '自治区应急管理厅', en: 'Guangxi Emergency Management Department' },
  { login: 'city-4501', zh: '南宁市应急管理局', en: 'Nanning city emergency management bureau' },
  { login: 'county-450102', zh: '兴宁区应急管理局', en: 'Xingning district emergency management bureau' },
  { login: 'county-450103', zh: '青秀区应急管理局', en: 'Qingxiu district emergency management bureau' },
  { login: 'county-331181', zh: '龙泉市应急管理局', en: 'Longquan city emergency management bureau' },
  { login: 'county-360982', zh: '樟树市应急管理局', en: 'Zhangshu city emergency management bureau' },
];

/** The national office, above the programmes: offered where a tracker runs more than one. */
const NATION_ACCOUNT: DemoAccount = { login: NATION_GROUP, zh: '应急管理部', en: 'Ministry of Emergency Management' };

/** The demo accounts of the programmes a local tracker runs (a root office's login as rootGroup names it), and the national office's over several. */
export function demoAccounts(areas: readonly string[]): DemoAccount[] {
  const offices = DEMO_ACCOUNTS.flatMap((a) => {
    const code = a.login.split('-')[1];
    const area = programmeOf(areas, code);
    if (area === null) return [];
    return [code === area ? { ...a, login: rootGroup(area, areas.length > 1) } : a];
  });
  return areas.length > 1 ? [NATION_ACCOUNT, ...offices] : offices;
}

/** The page for one sign-in (its form posts back to `action`); `refused` repeats a login that is no account. */
export function signInPage(action: string, accounts: readonly DemoAccount[], refused?: string): string {
  const listed = accounts
    .map(
      (a) => `<li><form method="post" action="${escapeHtml(action)}">
      <input type="hidden" name="login" value="${a.login}">
      <button type="submit" data-testid="account-${a.login}"><span lang="zh-CN">${a.zh}</span>
        <small lang="en">${a.en}</small> <code>${a.login}</code></button></form></li>`,
    )
    .join('\n');
  return page(`<h1>本地演示登录 <small lang="en">Local demo sign-in</small></h1>
<p class="muted">这是 <code>npm start</code> 的本地登录，只用于演示：选一个单位即可登录，无需密码。
<span lang="en">This is npm start's local sign-in, for the demo only: pick an office, no password is needed.</span></p>
${refused === undefined ? '' : `<p class="refused" role="alert">没有账号“${escapeHtml(refused)}”：账号即名录中单位的组名，如 province、city-4501、county-450102。<span lang="en">No account "${escapeHtml(refused)}": an account is the group of an office in the registry, e.g. province, city-4501, county-450102.</span></p>`}
<h2>演示账号 <small lang="en">Demo accounts</small></h2>
<ul>
${listed}
</ul>
<h2>其他单位 <small lang="en">Another office</small></h2>
<form method="post" action="${escapeHtml(action)}">
  <label for="login">组名（city-45xx 或 county-45xxxx）<small lang="en">Group (city-45xx or county-45xxxx)</small></label>
  <input id="login" type="text" name="login" required autocomplete="off" spellcheck="false" maxlength="40" value="${escapeHtml(refused ?? '')}">
  <label for="password">密码（任意，本地不检查）<small lang="en">Password (anything: not checked locally)</small></label>
  <input id="password" type="password" name="password" autocomplete="off">
  <p><button type="submit" data-testid="account-other">登录 <small lang="en">Sign in</small></button></p>
</form>
`);
}

/** The local provider's pages: one look, both languages. */
function page(body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>本地演示登录 · Local demo sign-in</title>
<style>
  body { font: 16px/1.5 system-ui, 'Noto Sans CJK SC', sans-serif; max-width: 34rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
  h1 { font-size: 1.3rem; } small { display: block; color: #4b5563; } code { color: #374151; }
  ul { list-style: none; padding: 0; } li { margin: .5rem 0; }
  button { width: 100%; text-align: left; padding: .6rem .8rem; font: inherit; border: 1px solid #9ca3af; border-radius: 6px; background: #fff; cursor: pointer; }
  button:hover, button:focus { border-color: #1d4ed8; outline: 2px solid #bfdbfe; }
  label { display: block; margin: .4rem 0 .2rem; } input[type=text], input[type=password] { width: 100%; padding: .5rem; font: inherit; box-sizing: border-box; }
  .refused { color: #991b1b; } .muted { color: #4b5563; font-size: .9rem; }
</style></head>
<body><main>
${body}</main></body></html>`;
}

/** The sign-out question (oidc-provider's form, which carries its own token, goes in as it is). */
export function signOutPage(form: string): string {
  return page(`<h1>退出登录？ <small lang="en">Sign out?</small></h1>
${form}
<p><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出 <small lang="en">Yes, sign me out</small></button></p>
<p><button type="submit" form="op.logoutForm">保持登录 <small lang="en">No, stay signed in</small></button></p>
`);
}

/** A sign-in step that cannot go on (an old or used link), with the way back. */
export function signInGonePage(): string {
  return page(`<h1>登录已失效 <small lang="en">This sign-in has ended</small></h1>
<p>这个登录链接已用过或已过期。<span lang="en">This sign-in link was used already or has expired.</span></p>
<p><a href="/">回到首页重新登录 <small lang="en">Back to the home page to sign in again</small></a></p>
`);
}
