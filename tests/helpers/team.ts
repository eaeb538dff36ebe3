// A valid team for tests.
import type { TeamInput } from '#core/team.js';

/** A team as the Guangxi template records it: with its written rules, management and equipment. */
export type GuangxiTeam = TeamInput & Required<Pick<TeamInput, 'rules' | 'management' | 'equipment'>>;

/** A team that meets the Guangxi standard on 2023-06-15. */
export function goodTeam(overrides: Partial<TeamInput> = {}): GuangxiTeam {
  return {
    name: '民主社区应急先锋响应队',
    leader: { name: '李建华', phone: '13800138000' },
    establishedOn: '2021-08-01',
    members: {
      communityStaff: 6,
      veterans: 4,
      formerFirefighters: 1,
      localUnitStaff: 3,
      medicalStaff: 2,
      propertySecurity: 2,
      volunteers: 5,
      purchasedServices: 1,
    },
    rules: { charter: true, memberCode: true, trainingDrills: true, assessment: true },
    management: { commandSystem: true, serviceHours: true, attendance: true },
    equipment: true,
    insuredMembers: 24,
    insuranceExpiresOn: '2024-03-01',
    lastTrainingOn: '2023-04-20',
    ...overrides,
  } as GuangxiTeam;
}

/** A team meeting the standard with `more` volunteers than goodTeam's 24 members, every one insured: a distinct valid write. */
export function largerTeam(more: number, overrides: Partial<TeamInput> = {}): GuangxiTeam {
  return goodTeam({ members: { ...goodTeam().members, volunteers: 5 + more }, insuredMembers: 24 + more, ...overrides });
}
