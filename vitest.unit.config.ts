// The pure unit tests alone: what mutation testing (npm run test:mutation) runs against each mutant.
// MUTATION_RUN lets the whole-province test and the statistics' simulations step aside (see tests/unit/gx-v1-identity.test.ts, sampling.test.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['tests/unit/**/*.test.ts'], env: { MUTATION_RUN: '1' } } });
