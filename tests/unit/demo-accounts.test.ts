import { describe, expect, it } from 'vitest';
import { demoAccounts } from '#local/sign-in-page.js';
import { rootGroup } from '#core/groups.js';

const logins = (areas: string[]) => demoAccounts(areas).map((a) => a.login);

describe("the local sign-in page's demo offices", () => {
  it("lists the offices of the programmes a local tracker runs, each root office by the group its programme's tokens carry", () => {
    expect(logins(['45'])).toEqual(['province', 'city-4501', 'county-450102', 'county-450103']);
    expect(logins(['331181'])).toEqual(['county-331181']);
    expect(logins(['45', '331181'])).toEqual(['nation', 'province-45', 'city-4501', 'county-450102', 'county-450103', 'county-331181']);
  });

  it('names a root office by its area: province alone, province-45 beside others, a city or county programme by its own group', () => {
    expect([rootGroup('45', false), rootGroup('45', true), rootGroup('3607', true), rootGroup('331181', false)]).toEqual([
      'province',
      'province-45',
      'city-3607',
      'county-331181',
    ]);
  });
});
