// `npm run test:mutation` ends here: Stryker's break threshold is for the whole run, so this reads its
// mutation.json and holds each gated file to 85 % on its own, naming the mutants that live: the nine figure
// files, the four that the registry, the yearly summary, the campaigns and their bulletin rest on, the
// three that say who reads what (scope, tenancy, groups), and the six that count each person once and a team by its roster
// and its activity log (roster, roster-input, roster-counts, roster-rows, which reads a county's roster file, activity and practices).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const GATED_FILES = [
  ...['rules', 'milestones', 'dates', 'figures', 'aggregate', 'rollup', 'snapshot', 'team', 'programme'],
  ...['registry', 'registry-read', 'annual', 'campaign', 'bulletin'],
  ...['scope', 'tenancy', 'groups'],
  ...['roster', 'roster-input', 'roster-counts', 'roster-rows', 'activity', 'practices'],
].map((f) => `functions/core/${f}.ts`);
const THRESHOLD = 85;

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
const report = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'reports/mutation/mutation.json'), 'utf8')) as {
  files: Record<string, { source: string; mutants: Mutant[] }>;
};
const detected = new Set(['Killed', 'Timeout']);
const counted = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

let failed = false;
for (const file of GATED_FILES) {
  const entry = Object.entries(report.files).find(([name]) => name.replace(/\\/g, '/').endsWith(file))?.[1];
  if (!entry) {
    console.log(`✗ ${file}: not in the report`);
    failed = true;
    continue;
  }
  const mutants = entry.mutants.filter((m) => counted.has(m.status));
  const score = mutants.length ? (100 * mutants.filter((m) => detected.has(m.status)).length) / mutants.length : 100;
  const ok = score >= THRESHOLD;
  failed ||= !ok;
  console.log(`${ok ? '✓' : '✗'} ${file.padEnd(28)} ${score.toFixed(1).padStart(5)} %  (${mutants.length} mutants)`);
  const lines = entry.source.split('\n');
  for (const m of entry.mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    console.log(
      `    ${m.status.padEnd(10)} ${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.replacement ? ` → ${m.replacement.replace(/\s+/g, ' ').slice(0, 80)}` : ''}`,
    );
    console.log(`      in: ${lines[m.location.start.line - 1]?.trim().slice(0, 110)}`);
  }
}
process.exitCode = failed ? 1 : 0;
