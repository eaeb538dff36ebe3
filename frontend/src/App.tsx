import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Loading } from '#web/components/ui.js';
import { SignIn } from '#web/features/auth/components/SignIn.js';
import { CountyPage } from '#web/pages/CountyPage.js';
import { Dashboard } from '#web/pages/DashboardPage.js';
import { signOut } from '#web/features/auth/api/oidc.js';
import { useOfficeName } from '#web/api/office.js';
import { useRootArea } from '#web/api/programme.js';
import { forgetAllDrafts } from '#web/features/team/api/draft.js';
import { forgetAllChanges } from '#web/api/county-change.js';
import { scopeOf, session, SESSION_ENDED } from '#web/lib/api.js';
import { appConfig, provider } from '#web/lib/config.js';
import { LangProvider, useLang } from '#web/lib/i18n.js';
import { href, useRoute } from '#web/lib/router.js';

// The form and the import pull in the validation schema; they load when first opened.
const TeamPage = lazy(() => import('#web/features/team/components/TeamPage.js'));
const ImportPage = lazy(() => import('#web/features/import/components/ImportPage.js'));
const OutboxPage = lazy(() => import('#web/features/outbox/components/OutboxPage.js'));
const RegistryPage = lazy(() => import('#web/features/registry/components/RegistryPage.js'));
const AnnualPage = lazy(() => import('#web/features/annual/components/AnnualPage.js'));
const CampaignsPage = lazy(() => import('#web/features/campaigns/components/CampaignsPage.js').then((m) => ({ default: m.CampaignsPage })));
// The national office's pages: only its own users load them.
const NationPage = lazy(() => import('#web/pages/NationPage.js').then((m) => ({ default: m.NationPage })));
const NationProgrammePage = lazy(() => import('#web/pages/NationPage.js').then((m) => ({ default: m.NationProgrammePage })));
const CampaignPage = lazy(() => import('#web/features/campaigns/components/CampaignsPage.js').then((m) => ({ default: m.CampaignPage })));

function Page({ token }: { token: string }) {
  const route = useRoute();
  const scope = scopeOf(token);
  if (!scope) return null;
  const [page, code, sub] = route;
  // The national office reads the programmes' figures, and nothing of a programme's own pages.
  if (scope.kind === 'nation') return page === 'nation' && code ? <NationProgrammePage key={code} programme={code} /> : <NationPage />;
  if (page === 'county' && code && sub === 'import') return <ImportPage county={code} />;
  if (page === 'county' && code) return <CountyPage key={code} code={code} />;
  if (page === 'community' && code) return <TeamPage key={code} code={code} />;
  if (page === 'outbox') return <OutboxPage />;
  if (page === 'campaigns' && scope.kind !== 'county') return <CampaignsPage />;
  if (page === 'campaign' && code && scope.kind !== 'county') return <CampaignPage key={code} id={code} scope={scope} />;
  if (page === 'registry') return <RegistryPage canChange={scope.kind === 'province'} />;
  if (page === 'annual' && (code === 'county' || code === 'city' || code === 'province') && route[2] && /^\d{4}$/.test(route[3] ?? '')) {
    return <AnnualPage key={route.join('/')} kind={code} code={route[2]} year={Number(route[3])} />;
  }
  if (scope.kind === 'county') return <CountyPage code={scope.code} />;
  if (scope.kind === 'city') return <Dashboard area={scope.code} />;
  return <RootDashboard />;
}

/** The root office's dashboard: over the programme's whole area, once the programme says which it is. */
function RootDashboard() {
  const root = useRootArea();
  return root ? <Dashboard area={root.code} /> : <Loading />;
}

function Shell() {
  const { t, lang, setLang } = useLang();
  const [token, setToken] = useState(session.token());
  // The sign-in ended: true, or the server's reason when the account's groups grant nothing (signing in again will not help).
  const [expired, setExpired] = useState<boolean | string>(false);
  useEffect(() => {
    const ended = (e: Event) => {
      setToken(null);
      setExpired((e as CustomEvent<string | null>).detail ?? true);
    };
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);
  const [menuOpen, setMenuOpen] = useState(false);
  const scope = token ? scopeOf(token) : null;
  const office = useOfficeName(scope);
  const toggle = useRef<HTMLButtonElement>(null);
  const header = useRef<HTMLElement>(null);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  // An open menu closes on Escape (focus back on its button), on a tap outside the header, and on a new
  // page. A new page takes the focus (not left on a link the menu just hid), so a screen reader reads on from it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new page, which the route's path names
  useEffect(() => {
    setMenuOpen(false);
    if (firstPage.current) firstPage.current = false;
    else main.current?.focus();
  }, [route.join('/')]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        toggle.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (!header.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [menuOpen]);
  return (
    <>
      <header className="top" ref={header}>
        <h1>
          <a href={href('/')}>{t('title')}</a>
        </h1>
        {scope && (
          <span className="office" data-testid="scope" data-scope={scope.text} title={office}>
            {office}
          </span>
        )}
        {/* On a phone the menu folds behind one button, so the header stays one line. */}
        <button
          type="button"
          ref={toggle}
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen(!menuOpen)}
          data-testid="menu"
        >
          {t('menu')}
        </button>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the click comes from a link or button inside, which Enter and Space activate */}
        <nav
          id="main-menu"
          aria-label={t('mainMenu')}
          className={menuOpen ? 'open' : ''}
          onClick={(e) => {
            if ((e.target as HTMLElement).closest('a, button')) setMenuOpen(false);
          }}
        >
          {/* The mail outbox is the local tracker's (npm start): in AWS the summaries go out by SES or SMTP. */}
          {scope?.kind === 'province' && appConfig().mode === 'local' && <a href={href('/outbox')}>{t('outbox')}</a>}
          {scope && (scope.kind === 'province' || scope.kind === 'city') && <a href={href('/campaigns')}>{t('campaigns')}</a>}
          {scope && scope.kind !== 'nation' && <a href={href('/registry')}>{t('registry')}</a>}
          {token && (
            <button
              type="button"
              onClick={() => {
                const idp = provider();
                forgetAllDrafts();
                forgetAllChanges();
                if (idp) void signOut(idp);
                else {
                  session.clear();
                  setToken(null);
                  location.hash = '';
                }
              }}
              data-testid="sign-out"
            >
              {t('signOut')}
            </button>
          )}
          <button
            type="button"
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            data-testid="lang"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
          >
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </nav>
      </header>
      <main ref={main} tabIndex={-1}>
        {token ? (
          <Suspense fallback={<Loading />}>
            <Page key={token} token={token} />
          </Suspense>
        ) : (
          <>
            {expired === true && (
              <p className="notice" role="alert" data-testid="session-ended">
                {t('sessionEnded')}
              </p>
            )}
            {typeof expired === 'string' && (
              <p className="error" role="alert" data-testid="sign-in-refused">
                {t('signInRefused', { reason: expired })}
              </p>
            )}
            <SignIn
              onSignedIn={() => {
                setToken(session.token());
                setExpired(false);
              }}
            />
          </>
        )}
      </main>
    </>
  );
}

export function App() {
  return (
    <LangProvider>
      <Shell />
    </LangProvider>
  );
}
