// The pure unit tests alone: what mutation testing (npm run test:mutation) runs against each mutant.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['tests/unit/**/*.test.ts'] } });
