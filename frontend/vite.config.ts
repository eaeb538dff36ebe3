import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev`: this dev server (hot reload) in front of the running `npm start`, whose API, config
// and OpenID provider it forwards to (TRACKER_URL, default http://127.0.0.1:8787).
const tracker = process.env.TRACKER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // Maps are written for local debugging but not referenced from the code; the deployment leaves them out.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: 'hidden', target: 'es2022' },
  // The Host header is kept (localhost): the local server hands dev tokens to loopback hosts only.
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(['/api', '/config.json', '/oidc'].map((path) => [path, { target: tracker }])),
  },
});
