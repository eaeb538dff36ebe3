// What a draft standard would do if it took effect on a day: every team judged on that day under the
// standard that would be in force then and under the draft, side by side. Pure.
import type { IsoDate } from './dates.js';
import { judge, standardRef, type Standard } from './standard.js';
import type { JudgedTeam } from './roster-counts.js';

export interface PreviewTeam {
  communityCode: string;
  countyCode: string;
  /** With its roster, when it has one: a draft is judged as the verdict is. */
  team: JudgedTeam;
}

export interface DraftPreview {
  asOf: IsoDate;
  /** The draft, and the version it would replace on that day. */
  draft: string;
  replaces: string;
  teams: number;
  meetingBefore: number;
  meetingAfter: number;
  /** Teams meeting the standard in force that would fail the draft, and the other way round. */
  newlyFailing: number;
  newlyMeeting: number;
  /** Per rule of the draft: teams failing it, and of those newly failing, how many fail it. */
  byRule: { ruleId: string; title: { zh: string; en: string }; failing: number; amongNewlyFailing: number; newRule: boolean }[];
  /** Per county, most newly failing first. */
  byCounty: { code: string; teams: number; meetingBefore: number; meetingAfter: number; newlyFailing: number }[];
}

export function previewDraft(teams: PreviewTeam[], inForce: Standard, draft: Standard, asOf: IsoDate): DraftPreview {
  const rules = new Map(draft.rules.map((r) => [r.id, { failing: 0, amongNewlyFailing: 0 }]));
  const counties = new Map<string, DraftPreview['byCounty'][number]>();
  let meetingBefore = 0,
    meetingAfter = 0,
    newlyFailing = 0,
    newlyMeeting = 0;
  for (const t of teams) {
    const before = judge(t.team, inForce, asOf);
    const after = judge(t.team, draft, asOf);
    const county = counties.get(t.countyCode) ?? { code: t.countyCode, teams: 0, meetingBefore: 0, meetingAfter: 0, newlyFailing: 0 };
    counties.set(t.countyCode, county);
    county.teams += 1;
    const lost = before.meetsStandard && !after.meetsStandard;
    if (before.meetsStandard) {
      meetingBefore += 1;
      county.meetingBefore += 1;
    }
    if (after.meetsStandard) {
      meetingAfter += 1;
      county.meetingAfter += 1;
    }
    if (lost) {
      newlyFailing += 1;
      county.newlyFailing += 1;
    }
    if (!before.meetsStandard && after.meetsStandard) newlyMeeting += 1;
    for (const f of after.failed) {
      const r = rules.get(f.ruleId)!;
      r.failing += 1;
      if (lost) r.amongNewlyFailing += 1;
    }
  }
  const known = new Set(inForce.rules.map((r) => r.id));
  return {
    asOf,
    draft: standardRef(draft),
    replaces: standardRef(inForce),
    teams: teams.length,
    meetingBefore,
    meetingAfter,
    newlyFailing,
    newlyMeeting,
    byRule: draft.rules.map((r) => ({ ruleId: r.id, title: r.title, ...rules.get(r.id)!, newRule: !known.has(r.id) })),
    byCounty: [...counties.values()].sort((a, b) => b.newlyFailing - a.newlyFailing || a.code.localeCompare(b.code)),
  };
}
