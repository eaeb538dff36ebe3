// Spreadsheet bombs against a server in its own process: each file's answer time and the server's
// peak memory above where it started, beside the largest real county file (the baseline, same run).
// Targets: every file up to the 5 MB upload limit answered within 5 s, with at most 256 MB more memory.
import { countyRegistries } from '#app/registry.js';
import { toXlsx } from '#app/exports.js';
import { COLUMNS, teamToRow } from '#core/columns.js';
import { demoCounty } from '#local/demo.js';
import { startApiProcess } from '#tests/helpers/api-process-client.js';
import { allBombs } from '#tests/helpers/bombs.js';
import { dynamodb, round, type BenchRow } from './context.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function benchBombs(): Promise<{ rows: BenchRow[]; json: unknown }> {
  const { endpoint } = await dynamodb();
  const largest = [...countyRegistries()].sort((a, b) => b.communities.length - a.communities.length)[0];
  const names = new Map(largest.communities);
  const real = await toXlsx(
    '导入模板',
    COLUMNS.map((c) => c.header),
    demoCounty(largest, '2026-11-01').map((t) => teamToRow(t.communityCode, names.get(t.communityCode)!, t.team)),
  );
  const api = await startApiProcess({
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: `bench-bombs-${Date.now()}`,
    COUNTIES: largest.code,
    SCOPE: `county:${largest.code}`,
  });
  const rows: BenchRow[] = [];
  const results: unknown[] = [];
  try {
    const send = (bytes: Buffer) =>
      api.measure(`/api/counties/${largest.code}/imports?dryRun=true`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: { 'content-type': XLSX },
      });
    await send(real); // warm-up: the first request loads the parser
    const baseline = await send(real);
    const base = `${round(baseline.ms, 0)} ms, +${round(baseline.peakAboveMB)} MB`;
    rows.push({
      name: `dry run of ${largest.name} (${largest.communities.length} rows, ${round(real.length / 1024, 0)} KB .xlsx): the baseline`,
      value: `${baseline.status}, ${base}`,
    });
    for (const bomb of allBombs()) {
      const r = await send(bomb.bytes);
      results.push({ bomb: bomb.name, bytes: bomb.bytes.length, inflatedBytes: bomb.inflatedBytes, ...r, body: undefined });
      rows.push({
        name: `bomb: ${bomb.name} (${round(bomb.bytes.length / 2 ** 20, 2)} MB file)`,
        value: `${r.status}${r.alive ? '' : ', server died'}, ${round(r.ms, 0)} ms, +${round(r.peakAboveMB)} MB`,
        baseline: base,
        ratio: round(r.ms / baseline.ms, 1),
        target: '≤ 5000 ms, ≤ +256 MB, server up',
      });
    }
  } finally {
    await api.stop();
  }
  return { rows, json: results };
}
