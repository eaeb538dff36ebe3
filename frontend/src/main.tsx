import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { finishSignIn, resumeSession } from '#web/features/auth/api/oidc.js';
import { queryClient } from '#web/lib/api.js';
import { loadConfig, provider } from '#web/lib/config.js';
import { syncClock } from '#web/lib/time.js';
import './styles.css';

const config = await loadConfig();
await syncClock();
// Back from the identity provider with ?code=…: the tokens, before the app renders.
const idp = provider(config);
if (idp && !(await finishSignIn(idp).catch(() => false))) resumeSession(idp);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
