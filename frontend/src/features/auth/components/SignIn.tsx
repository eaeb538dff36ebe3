// Sign-in: through the identity provider the config names (Cognito, the province's OpenID Connect
// platform, or locally npm start's own provider); locally also the demo shortcut, a token the local
// server signs for a scope picked here.
import { useState } from 'react';
import areas from '#data/registry/areas.json';
import { NATION_GROUP } from '#core/groups.js';
import { session } from '#web/lib/api.js';
import { appConfig, provider } from '#web/lib/config.js';
import { useLang } from '#web/lib/i18n.js';
import { devToken } from '../api/dev-token.js';
import { SignInError, startSignIn } from '../api/oidc';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, paren } = useLang();
  const [city, setCity] = useState(areas.cities[0][0]);
  const [county, setCounty] = useState(areas.counties[0][0]);
  const [error, setError] = useState<string | null>(null);

  async function signIn(scope: string) {
    try {
      session.set(await devToken(scope));
      onSignedIn();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const config = appConfig();
  const idp = provider(config);
  const programmes = config.programmes ?? [];
  const several = programmes.length > 1;
  const guangxi = !programmes.length || programmes.some((area) => areas.counties[0][0].startsWith(area));
  const oidcButton = idp && (
    <button
      type="button"
      onClick={() => void startSignIn(idp).catch((e: unknown) => setError(t(e instanceof SignInError ? e.key : 'signInUnavailable')))}
      data-testid="sign-in-oidc"
    >
      {t('signIn')}
    </button>
  );
  if (config.mode !== 'local') {
    return (
      <section className="card sign-in">
        <h2>{t('title')}</h2>
        {oidcButton}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      {oidcButton && (
        <div className="sign-in-row">
          {oidcButton}
          <span className="muted">{t('signInLocalIdp')}</span>
        </div>
      )}
      <h2 id="sign-in-title">{t('signInAs')}</h2>
      <div className="sign-in-row">
        {several ? (
          <>
            {/* Over several programmes: the national office, and each programme's root office by its area. */}
            <button type="button" onClick={() => signIn(NATION_GROUP)} data-testid="sign-in-nation">
              {t('nationOffice')}
            </button>
            {programmes.map((area) => (
              <button
                type="button"
                key={area}
                onClick={() => signIn(area.length === 2 ? `province:${area}` : `${area.length === 4 ? 'city' : 'county'}:${area}`)}
                data-testid={`sign-in-root-${area}`}
              >
                {t('rootOfficeOf', { area })}
              </button>
            ))}
          </>
        ) : (
          <button type="button" onClick={() => signIn('province')} data-testid="sign-in-province">
            {t('province')}
          </button>
        )}
      </div>
      {/* The committed list of cities and counties is Guangxi's: offered where Guangxi's programme runs. */}
      {guangxi && (
        <>
          <div className="sign-in-row">
            <label>
              {t('city')}{' '}
              <select value={city} onChange={(e) => setCity(e.target.value)}>
                {areas.cities.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => signIn(`city:${city}`)}>
              {t('go')}
            </button>
          </div>
          <div className="sign-in-row">
            <label>
              {t('county')}{' '}
              <select value={county} onChange={(e) => setCounty(e.target.value)} data-testid="sign-in-county-select">
                {areas.counties.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                    {paren(code)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => signIn(`county:${county}`)} data-testid="sign-in-county">
              {t('go')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
