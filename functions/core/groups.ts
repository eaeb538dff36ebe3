// The groups an identity provider puts a user in, as the tracker names them: the national office, a
// programme's root office, a city's and a county's. Imports nothing: the CDK app names the user pool's groups with it.

/** The national office's group (应急管理部): it reads each programme's totals side by side, and no programme's records. */
export const NATION_GROUP = 'nation';

/** A programme's root office's group: `province` while one programme runs, its area's once several do (province-45); a city's or county's programme, that office's own group. */
export const rootGroup = (area: string, several: boolean) =>
  area.length === 2 ? (several ? `province-${area}` : 'province') : `${area.length === 4 ? 'city' : 'county'}-${area}`;
