// A realistic registry change set over real counties, as a year of 村改居, 撤并 and renaming brings:
// 50 merges, 40 removals, 50 renames, 20 code changes, 10 units out of scope, 10 splits, 20 additions.
import type { CountyUnits } from '#core/registry.js';

export interface ChangeRow {
  kind: string;
  code: string;
  name?: string;
  target?: string;
  scopeReason?: string;
  reason: string;
}

/** 200 changes over the given counties (which need ≥ 230 communities between them), deterministic. */
export function realisticChanges(counties: CountyUnits[]): ChangeRow[] {
  const all = counties.flatMap((c) => c.communities).sort((a, b) => a[0].localeCompare(b[0]));
  if (all.length < 230) throw new Error('realisticChanges needs at least 230 communities');
  const taken = new Set(all.map(([code]) => code));
  const fresh = (township: string, from: number) => {
    for (let n = from; n < 1000; n++) {
      const code = `${township}${String(n).padStart(3, '0')}`;
      if (!taken.has(code)) {
        taken.add(code);
        return code;
      }
    }
    throw new Error(`no free code in ${township}`);
  };
  const rows: ChangeRow[] = [];
  for (let k = 0; k < 50; k++)
    rows.push({ kind: '合并', code: all[2 * k + 1][0], target: all[2 * k][0], reason: '村（社区）撤并，民政部门批复' });
  for (const [code] of all.slice(100, 140)) rows.push({ kind: '撤销', code, reason: '整体搬迁，撤销建制' });
  for (const [code, name] of all.slice(140, 190))
    rows.push({
      kind: '更名',
      code,
      name: `${name.replace(/(社区|村)?(居民|村民)?委员会$|居委会$|村委会$/, '')}新区社区`.slice(0, 50),
      reason: '村改居更名',
    });
  for (const [code] of all.slice(190, 210))
    rows.push({ kind: '代码变更', code, target: fresh(code.slice(0, 9), 800), reason: '统计用区划代码调整' });
  for (const [code] of all.slice(210, 220)) rows.push({ kind: '移出方案范围', code, scopeReason: '无常住人口', reason: '核实无常住人口' });
  for (const [code, name] of all.slice(220, 230))
    rows.push({
      kind: '拆分',
      code: fresh(code.slice(0, 9), 900),
      name: `${name.slice(0, 20)}（二）`,
      target: code,
      reason: '人口增长，拆分设立',
    });
  for (const [code] of all.slice(230, 250))
    rows.push({ kind: '新增', code: fresh(code.slice(0, 9), 950), name: '新建安置社区', reason: '易地扶贫搬迁安置点设立社区' });
  return rows;
}
