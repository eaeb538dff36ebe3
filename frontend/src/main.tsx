import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { finishSignIn } from './features/auth/api/cognito';
import { session } from './lib/api';
import { loadConfig } from './lib/config';
import { syncClock } from './lib/time';
import './styles.css';

const config = await loadConfig();
await syncClock();
if (config.mode === 'cognito') {
  const token = await finishSignIn(config).catch(() => null);
  if (token) session.set(token);
}
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
