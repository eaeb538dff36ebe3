// The pure unit tests alone: what mutation testing (npm run test:mutation) runs against each mutant.
// MUTATION_RUN lets the whole-province test and the statistics' simulations step aside (see tests/unit/gx-v1-identity.test.ts, sampling.test.ts).
import { defineConfig } from 'vitest/config';

// The same 30 s a test as the unit project: Stryker's coverage instrumentation slows the demo's simulated
// history past vitest's default 5 s on a busy machine, and a dry run that times out stops the whole run.
export default defineConfig({ test: { include: ['tests/unit/**/*.test.ts'], env: { MUTATION_RUN: '1' }, testTimeout: 30_000 } });
