import { defineConfig } from 'vitest/config';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Which projects run side by side on the 2 cores CI and the team's machines have, chosen rather than
// inherited (groups run one after another, lowest first; a project's files run `maxWorkers` at a time):
// 1. unit and infra together, two files at a time: pure CPU (the core's simulations, the CDK synth's
//    bundling), no server, no timed wait, so sharing the cores only shares the time.
// 2. integration, one file at a time: every file makes its tables on one DynamoDB Local, whose single
//    SQLite thread serialises them anyway, and two files seeding the whole province at once only slow
//    each other past their setup budgets.
// 3. reliability, one file at a time, alone: races, faults and contention measure what the server
//    does under a load they make themselves, so no other suite may add to it.
// 4. e2e, one file at a time, alone: each file starts its own tracker (Node, DynamoDB Local, the whole
//    province seeded) and a Chromium; beside anything else, every wait in the browser doubles.
// "Alone" means no other test runs: the DynamoDB Local that integration and reliability share with their
// files (globalSetup) starts with the run and stays up, idle, until vitest closes (about 1 GB each of
// the 24 GiB; no CPU while idle). An e2e test may take three times WAIT.ui (tests/helpers/waits.ts): a
// test is several waits, each of which may take all of WAIT.ui on a loaded machine.
export default defineConfig({
  test: {
    projects: [
      // The simulations and the workbook bombs take seconds each; on a busy 2-core machine more than the default 5.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000, sequence: { groupOrder: 1 }, maxWorkers: 2 } },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // One DynamoDB Local for the run; each test file makes its own table.
          globalSetup: ['tests/helpers/dynamodb-global.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 2 },
          maxWorkers: 1,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          globalSetup: ['tests/helpers/dynamodb-global.ts'],
          testTimeout: 600_000,
          hookTimeout: 240_000,
          sequence: { groupOrder: 3 },
          maxWorkers: 1,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 4 },
          maxWorkers: 1,
        },
      },
    ],
  },
});
