// Every key of the single table is built here and nowhere else.
import { inArea } from '#core/area.js';
import { monthOf, type IsoDate } from '#core/dates.js';

export const TABLE_KEYS = { pk: 'pk', sk: 'sk', lapseIndex: 'lapse', lapsePk: 'lapsePk', lapseSk: 'lapseSk', ttl: 'expiresAt' } as const;

/**
 * The audit table (append-only: the functions may only Put there, each Put conditional on the key
 * being new, and Query): team versions, phone reveals, check versions and organisers' views. Its
 * stream feeds the Object Lock copy in S3. Its name defaults to the table's with this suffix.
 */
export const AUDIT_TABLE_SUFFIX = '-audit';
export const auditTableFor = (tableName: string) => `${tableName}${AUDIT_TABLE_SUFFIX}`;

/**
 * The prefix of every partition a programme shares among its counties (its aggregates, month records,
 * book, registry versions, campaigns list, recipients, mail claims, job runs, yearly summaries, the lapse
 * index): `P#<area>#`, its root area's code. Programme areas never overlap (core/tenancy.ts), so no key is
 * shared by two programmes, and a programme's reads are O(its own counties). What lives under a county's
 * partition (teams, audit records, imports, registry copies, findings) keeps `COUNTY#<code>`: a county
 * lies in one programme. A campaign's own partition keeps `CAMPAIGN#<id>`: its id carries its area.
 */
export const tenantPrefix = (programme: string) => `P#${programme}#`;

/** The keys of one programme's records (`keysFor('45')`): what a store built for that programme reads and writes. */
export function keysFor(programme: string) {
  const p = tenantPrefix(programme);
  // A county's partition, only of this programme's counties: a store of one programme cannot even name another's records.
  const county = (code: string) => {
    if (!inArea(programme, code)) throw new RangeError(`${code} is not in programme ${programme}`);
    return `COUNTY#${code.slice(0, 6)}`;
  };
  return {
    programme,
    /** One aggregate item per county, all under the programme's partition: the dashboard is one Query. */
    aggregate: (countyCode: string) => ({ pk: `${p}AGGREGATE`, sk: `COUNTY#${countyCode}` }),
    aggregatePartition: `${p}AGGREGATE`,
    /** The county's registry (townships and communities) in one item. */
    registry: (countyCode: string) => ({ pk: county(countyCode), sk: 'REGISTRY' }),
    team: (communityCode: string) => ({ pk: county(communityCode), sk: `TEAM#${communityCode}` }),
    teamPartition: (countyCode: string) => county(countyCode),
    teamPrefix: 'TEAM#',
    /** Teams whose verdict runs out, by city and month (December's renewals spread over the cities), sorted by the last day it holds. */
    lapse: (holdsUntil: IsoDate, communityCode: string) => ({
      lapsePk: `${p}LAPSE#${communityCode.slice(0, 4)}#${monthOf(holdsUntil)}`,
      lapseSk: `${holdsUntil}#${communityCode}`,
    }),
    lapsePartition: (cityCode: string, month: string) => `${p}LAPSE#${cityCode}#${month}`,
    /** Audit table: one record per team version, under its county's partition. */
    audit: (communityCode: string, version: number) => ({
      pk: county(communityCode),
      sk: `AUDIT#${communityCode}#${String(version).padStart(6, '0')}`,
    }),
    auditPrefix: (communityCode: string) => `AUDIT#${communityCode}#`,
    auditPartitionPrefix: 'AUDIT#',
    /** Audit table: who saw a leader's full phone number, and when (an instant, plus a random tail for two in one ms). */
    reveal: (communityCode: string, at: string) => ({
      pk: county(communityCode),
      sk: `REVEAL#${communityCode}#${at}#${Math.random().toString(36).slice(2, 8)}`,
    }),
    revealPrefix: (communityCode: string) => `REVEAL#${communityCode}#`,
    /** How many full phones a caller (scope/user) revealed in a clock hour (UTC YYYY-MM-DDTHH); kept a day (TTL). */
    revealCount: (caller: string, hour: string) => ({ pk: `${p}REVEALS#${caller}`, sk: `HOUR#${hour}` }),
    /** A bulk import, by the client's idempotency key. */
    importRecord: (countyCode: string, idempotencyKey: string) => ({ pk: county(countyCode), sk: `IMPORT#${idempotencyKey}` }),
    /** Its stored result, in parts, under the request that wrote it ('#' never occurs in a key). */
    importResultPart: (idempotencyKey: string, owner: string, part: number) =>
      `IMPORT#${idempotencyKey}#RESULT#${owner}#${String(part).padStart(3, '0')}`,
    importResultPrefix: (idempotencyKey: string, owner: string) => `IMPORT#${idempotencyKey}#RESULT#${owner}#`,
    /** All counties' figures at a month's end, one item per version; the trend is one Query of this partition. */
    snapshot: (month: string, version: number) => ({ pk: `${p}SNAPSHOT`, sk: `${month}#v${String(version).padStart(3, '0')}` }),
    snapshotPartition: `${p}SNAPSHOT`,
    /** Who receives a scope's monthly summary. */
    recipients: (scope: string) => ({ pk: `${p}RECIPIENTS`, sk: scope }),
    recipientsPartition: `${p}RECIPIENTS`,
    /** One item per (month, scope, recipient): sending is idempotent by it. */
    mail: (month: string, scope: string, address: string) => ({ pk: `${p}MAIL#${month}`, sk: `${scope}#${address}` }),
    mailPartition: (month: string) => `${p}MAIL#${month}`,
    meta: () => ({ pk: `${p}META`, sk: 'SEED' }),
    /** A job run that finished, by job and period (the watchdog's question: did it run?). */
    jobRun: (job: string, period: string) => ({ pk: `${p}RUNS`, sk: `${job}#${period}` }),
    /** What each county did to report in a month (its counted writes, its 本月无变化): one partition a month, read whole for the province. */
    report: (month: string, countyCode: string) => ({ pk: `${p}REPORTS#${month}`, sk: `COUNTY#${countyCode}` }),
    reportPartition: (month: string) => `${p}REPORTS#${month}`,
    /** The book of programmes and standards the province publishes: one small partition, read whole in one Query. */
    bookPartition: `${p}BOOK`,
    standardVersion: (id: string, version: number) => ({ pk: `${p}BOOK`, sk: `STANDARD#${id}#V${String(version).padStart(3, '0')}` }),
    standardPrefix: 'STANDARD#',
    /** A draft of a standard's next version, numbered per standard; never edited once written, only published. */
    standardDraft: (id: string, n: number) => ({ pk: `${p}BOOK`, sk: `DRAFT#${id}#${String(n).padStart(3, '0')}` }),
    draftPrefix: (id?: string) => (id ? `DRAFT#${id}#` : 'DRAFT#'),
    programmeVersion: (id: string, version: number) => ({ pk: `${p}BOOK`, sk: `PROGRAMME#${id}#V${String(version).padStart(3, '0')}` }),
    programmePrefix: 'PROGRAMME#',
    /** The registry's versions and their change sets: one small partition, read whole for the list of versions. */
    registryPartition: `${p}REGISTRY`,
    registryVersion: (version: number) => ({ pk: `${p}REGISTRY`, sk: `VERSION#${String(version).padStart(4, '0')}` }),
    registryVersionPrefix: 'VERSION#',
    registryChange: (version: number, row: number) => ({
      pk: `${p}REGISTRY`,
      sk: `CHANGE#${String(version).padStart(4, '0')}#${String(row).padStart(5, '0')}`,
    }),
    registryChangePrefix: (version: number) => `CHANGE#${String(version).padStart(4, '0')}#`,
    /** A county's registry as one version left it (written only for the counties a version changed). */
    registryCopy: (countyCode: string, version: number) => ({
      pk: county(countyCode),
      sk: `REGISTRY#V${String(version).padStart(4, '0')}`,
    }),
    registryCopyPrefix: 'REGISTRY#V',
    /** Each area's yearly summary (分年度总结), one partition a year: a roll-up reads its year whole. */
    annual: (year: number, scope: string) => ({ pk: `${p}ANNUAL#${year}`, sk: scope }),
    annualPartition: (year: number) => `${p}ANNUAL#${year}`,
    /** Supervision campaigns: one list partition; each campaign's design and sample, and its checks, in its own partition. */
    campaignsPartition: `${p}CAMPAIGNS`,
    campaignEntry: (id: string) => ({ pk: `${p}CAMPAIGNS`, sk: id }),
    campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'DESIGN' }),
    /** An area's campaign of a year (督导检查 is yearly): claimed with the campaign, so a second one for the same area and year is refused. */
    campaignYear: (area: string, year: number) => ({ pk: `${p}CAMPAIGN-YEAR#${area}`, sk: String(year) }),
    campaignPartition: (id: string) => `CAMPAIGN#${id}`,
    check: (id: string, communityCode: string) => ({ pk: `CAMPAIGN#${id}`, sk: `CHECK#${communityCode}` }),
    checkPrefix: 'CHECK#',
    /** Audit table: every version of a check, as recorded (the check's audit trail). */
    checkLog: (id: string, communityCode: string, version: number) => ({
      pk: `CAMPAIGN#${id}`,
      sk: `LOG#${communityCode}#${String(version).padStart(4, '0')}`,
    }),
    checkLogPrefix: (communityCode: string) => `LOG#${communityCode}#`,
    /** The county's answer to a discrepancy a check found (corrected, disputed; closed by the inspector). */
    answer: (id: string, communityCode: string) => ({ pk: `CAMPAIGN#${id}`, sk: `ANSWER#${communityCode}` }),
    answerPrefix: (countyCode: string) => `ANSWER#${countyCode}`,
    /** Audit table: each answer as given (the answer item keeps them too, but is replaced on each). */
    answerLog: (id: string, communityCode: string, at: string) => ({
      pk: `CAMPAIGN#${id}`,
      sk: `ANSWERLOG#${communityCode}#${at}#${Math.random().toString(36).slice(2, 8)}`,
    }),
    /** A team's roster: one item per membership (a person's span of days on the team), beside its team. */
    membership: (communityCode: string, id: string) => ({ pk: county(communityCode), sk: `MEMBER#${communityCode}#${id}` }),
    membershipPrefix: (communityCode: string) => `MEMBER#${communityCode}#`,
    /** A team's activity log: one item per training, drill, call-out or service event, beside its team. */
    activity: (communityCode: string, id: string) => ({ pk: county(communityCode), sk: `EVENT#${communityCode}#${id}` }),
    activityPrefix: (communityCode: string) => `EVENT#${communityCode}#`,
    /**
     * A person, by the keyed hash of their mobile (core/roster.ts identityOf; never the number): their
     * memberships in the programme and which one counts. One small partition a person, per programme.
     */
    identity: (person: string) => ({ pk: `${p}PERSON#${person}`, sk: 'IDENTITY' }),
    /** 核查发现问题: a campaign's finding on a community's team, beside its team (one Query lists a county's); one per campaign. */
    finding: (communityCode: string, campaignId: string) => ({
      pk: county(communityCode),
      sk: `FINDING#${communityCode}#${campaignId}`,
    }),
    findingPrefix: 'FINDING#',
    /** Audit table: an organiser's view of a sampled leader's phone (the checklist), under the campaign; shown beside the team's reveals once the sample is public. */
    campaignView: (id: string, communityCode: string, at: string) => ({
      pk: `CAMPAIGN#${id}`,
      sk: `VIEW#${communityCode}#${at}#${Math.random().toString(36).slice(2, 8)}`,
    }),
    campaignViewPrefix: (communityCode: string) => `VIEW#${communityCode}#`,
    /**
     * A county's retention figures as judged on one day (Asia/Shanghai), one partition per programme (its
     * root area's code) and day: an area's figures are one Query of it. Cached, never a record: the read
     * function may write only under this prefix.
     */
    retention: (programmeArea: string, date: IsoDate, countyCode: string) => ({
      pk: `RETENTION#${programmeArea}#${date}`,
      sk: `COUNTY#${countyCode}`,
    }),
    retentionPartition: (programmeArea: string, date: IsoDate) => `RETENTION#${programmeArea}#${date}`,
    retentionPartitionPrefix: 'RETENTION#',
    /** Which standard version every team's verdict was last brought under (the re-evaluation's mark). */
    standardApplied: () => ({ pk: `${p}BOOK`, sk: 'APPLIED' }),
  };
}

export type Keys = ReturnType<typeof keysFor>;
