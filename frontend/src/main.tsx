import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { finishSignIn, resumeSession } from './features/auth/api/oidc';
import { loadConfig, provider } from './lib/config';
import { syncClock } from './lib/time';
import './styles.css';

const config = await loadConfig();
await syncClock();
// Back from the identity provider with ?code=…: the tokens, before the app renders.
const idp = provider(config);
if (idp && !(await finishSignIn(idp).catch(() => false))) resumeSession(idp);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
