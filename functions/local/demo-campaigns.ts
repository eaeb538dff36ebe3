// The demo's supervision (模拟演示数据): one finished 2025 campaign (every check done, a discrepancy
// rate of 3–8 % varying by county) and one open 2026 campaign about half done — created and
// checked through the same use cases as the API's, with the clock set to when they happened.
import { createCampaign, recordCheck } from '#app/campaigns.js';
import { clockFixedAt, inForce, rootArea, type Deps } from '#app/deps.js';
import type { CheckInput } from '#core/campaign.js';
import { fnv1a } from '#core/registry.js';
import type { StoredTeam } from '#store/store.js';

/** Checks recorded at once. */
const CHECKS_IN_FLIGHT = 6;
const province = { scope: { kind: 'province' as const }, user: 'demo-inspector' };

/** A deterministic number in [0, 1) for a key (FNV-1a), so the demo's checks are the same on every seed. */
const unit = (key: string) => fnv1a(key) / 2 ** 32;

async function checkSample(deps: Deps, campaignId: string, share: number, year: number, seeded: Map<string, StoredTeam>) {
  // The check takes what the county reported from the team as it stands: the seed has it in hand (a read each otherwise).
  const { store } = deps;
  deps = { ...deps, store: { ...store, getTeam: async (code) => seeded.get(code) ?? store.getTeam(code) } };
  const campaign = (await deps.store.getCampaign(campaignId))!;
  const ids = inForce(deps).ruleSet.rules.map((r) => r.id);
  const work: (() => Promise<unknown>)[] = [];
  for (const [county, { sample }] of Object.entries(campaign.counties)) {
    const rate = 0.03 + 0.05 * unit(`${year}:rate:${county}`); // this county's discrepancy rate, 3–8 %
    for (const code of sample.slice(0, Math.round(sample.length * share))) {
      work.push(async () => {
        const team = seeded.get(code) ?? (await deps.store.getTeam(code));
        const failed = new Set(team && !team.excluded ? team.verdict.failed.map((f) => f.ruleId) : []);
        const roll = unit(`${year}:${code}`);
        const exists = Boolean(team && !team.excluded);
        let check: CheckInput = { method: roll < 0.5 ? 'phone' : 'visit', teamExists: exists };
        if (exists) check = { ...check, members: team!.members, rules: Object.fromEntries(ids.map((id) => [id, !failed.has(id)])) };
        if (roll < 0.015) check = { method: 'unreachable', note: '三次拨打无人接听（模拟）' };
        else if (exists && roll < 0.015 + rate) {
          // what inspectors find most: fewer members than reported, or the insurance not valid
          check =
            roll < 0.015 + rate / 2
              ? { ...check, members: Math.max(0, team!.members - 4) }
              : { ...check, rules: { ...check.rules, insurance: false } };
        }
        await recordCheck(deps, campaign, code, { ...check, note: '模拟核查' }, null, 'province/demo-inspector', ids);
      });
    }
  }
  const queue = [...work];
  await Promise.all(
    Array.from({ length: CHECKS_IN_FLIGHT }, async () => {
      for (let w = queue.shift(); w; w = queue.shift()) await w();
    }),
  );
  return work.length;
}

/** Seeds the campaigns that had begun by the seed's day (a demo of 2023 has none). */
/** `seeded`: the teams the seed has just written, by community (each is read from the table otherwise). */
export async function seedDemoCampaigns(deps: Deps, seeded = new Map<string, StoredTeam>()): Promise<number> {
  const now = deps.clock.now().toISOString();
  const at = (iso: string): Deps => ({ ...deps, clock: clockFixedAt(new Date(iso)) });
  let checks = 0;
  if (now >= '2025-12-20T16:00:00Z') {
    const done = await createCampaign(
      at('2025-10-15T02:00:00Z'),
      province,
      { name: '2025 年度督导检查（模拟）', year: 2025, area: rootArea(deps).code, deadline: '2025-12-20' },
      { demo: true, seed: 'gx-2025-duban-demo' },
    );
    checks += await checkSample(at('2025-11-20T02:00:00Z'), done.id, 1, 2025, seeded);
  }
  if (now >= '2026-11-02T02:00:00Z') {
    const open = await createCampaign(
      at('2026-11-02T02:00:00Z'),
      province,
      { name: '2026 年度督导检查（模拟）', year: 2026, area: rootArea(deps).code, deadline: '2026-12-25' },
      { demo: true, seed: 'gx-2026-duban-demo' },
    );
    checks += await checkSample(deps, open.id, 0.5, 2026, seeded);
  }
  return checks;
}
