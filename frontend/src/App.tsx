import { useState } from 'react';
import { SignIn } from './features/auth/components/SignIn';
import { Overview } from './features/counties/components/Overview';
import { scopeOf, session } from './lib/api';
import { LangProvider, useLang } from './lib/i18n';

function Shell() {
  const { t, lang, setLang } = useLang();
  const [token, setToken] = useState(session.token());
  return (
    <>
      <header className="top">
        <h1>{t('title')}</h1>
        <nav>
          {token && <span className="scope" data-testid="scope">{scopeOf(token)}</span>}
          {token && <button onClick={() => { session.clear(); setToken(null); }}>{t('signOut')}</button>}
          <button onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label="language">{lang === 'zh' ? 'English' : '中文'}</button>
        </nav>
      </header>
      <main>{token ? <Overview key={token} /> : <SignIn onSignedIn={() => setToken(session.token())} />}</main>
    </>
  );
}

export function App() {
  return <LangProvider><Shell /></LangProvider>;
}
