import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '#core/dates.js';
import {
  activeOn,
  endMembership,
  handOver,
  identityOf,
  normaliseName,
  recordMembership,
  rosterCounts,
  rosterEntry,
  standingOf,
  departedCutoff,
  dueForErasure,
  resolveSuspected,
  withoutMembership,
  type IdentityClaim,
  type Membership,
} from '#core/roster.js';
import { MEMBER_CATEGORY_IDS } from '#core/team.js';
import { membershipCorrectionShape, membershipEndShape, membershipInputShape, normaliseMobile } from '#core/roster-input.js';

const SECRET = new Uint8Array(32).fill(7);
const OTHER_SECRET = new Uint8Array(32).fill(8);
const FULL_WIDTH = (s: string) => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const mobile = fc
  .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
  .map(([second, rest]) => `1${second}${rest}`);

/** The ways a clerk writes one number: spaced, dashed, +86 or 0086 in front, full-width. */
const written = (digits: string) =>
  fc
    .record({
      prefix: fc.constantFrom('', '+86', '86', '0086', '+86 '),
      separator: fc.constantFrom('', ' ', '-', '　'),
      fullWidth: fc.boolean(),
    })
    .map(({ prefix, separator, fullWidth }) => {
      const text = `${prefix}${digits.slice(0, 3)}${separator}${digits.slice(3, 7)}${separator}${digits.slice(7)}`;
      return fullWidth ? FULL_WIDTH(text) : text;
    });

describe('a person known by a keyed hash of their mobile', () => {
  it('maps every way of writing one number to one key, and to no key under another secret', () => {
    fc.assert(
      fc.property(
        mobile.chain((d) => fc.tuple(fc.constant(d), written(d), written(d))),
        ([digits, a, b]) => {
          expect(normaliseMobile(a)).toBe(digits);
          expect(identityOf(SECRET, a)).toBe(identityOf(SECRET, b));
          expect(identityOf(SECRET, a)).not.toBe(identityOf(OTHER_SECRET, a));
          // the key is not the number, nor its plain hash
          expect(identityOf(SECRET, a)).not.toContain(digits);
          expect(identityOf(SECRET, a)).toMatch(/^[0-9a-f]{64}$/);
        },
      ),
    );
  });

  it('refuses what is no mainland mobile, and a short secret', () => {
    for (const bad of ['', '1381234567', '23812345678', '138123456789', '010-12345678', '138****5678', '+1 138 1234 5678'])
      expect(normaliseMobile(bad), bad).toBeNull();
    expect(() => identityOf(SECRET, '010-12345678')).toThrow(RangeError);
    expect(() => identityOf(new Uint8Array(16), '13812345678')).toThrow(RangeError);
    expect(identityOf(SECRET, '13812345678')).not.toBe(identityOf(SECRET, '13812345679'));
  });

  it('writes a name as two clerks would both write it', () => {
    expect(normaliseName(' 李 建华 ')).toBe('李建华');
    expect(normaliseName('李  \t建 华')).toBe('李建华');
    expect(normaliseName('阿卜杜拉•买买提')).toBe(normaliseName('阿卜杜拉·买买提'));
    expect(normaliseName('ＺＨＡＮＧ　Ｗｅｉ')).toBe('ZHANGWei');
    expect(normaliseName('李建华')).not.toBe(normaliseName('李建国'));
  });
});

const member = (over: Partial<Membership> & Pick<Membership, 'id'>): Membership => ({
  community: '450102001001',
  name: '李建华',
  person: 'p1',
  category: 'volunteers',
  joined: '2024-01-01',
  left: null,
  insuredThrough: null,
  standing: 'counts',
  ...over,
});

describe('memberships and the count as of a date', () => {
  it('counts a member insured through the day judged, and not one whose insurance ended the day before', () => {
    const on = (insuredThrough: string | null) => rosterCounts([member({ id: 'a', insuredThrough })], '2024-06-01').insured;
    expect([on('2024-06-01'), on('2024-05-31'), on(null)]).toEqual([1, 0, 0]);
  });

  it('is active from the day joined up to the day before it left', () => {
    const m = member({ id: 'a', joined: '2024-03-01', left: '2024-06-01' });
    expect(['2024-02-29', '2024-03-01', '2024-05-31', '2024-06-01'].map((d) => activeOn(m, d))).toEqual([false, true, true, false]);
  });

  it('counts on any date exactly the memberships active that day, a duplicate on its other roster only', () => {
    const day = fc.integer({ min: 0, max: 1500 }).map((n) => addDays('2021-01-01', n));
    const memberships = fc
      .array(
        fc.record({
          joined: day,
          length: fc.option(fc.integer({ min: 1, max: 900 }), { nil: null }),
          category: fc.constantFrom(...MEMBER_CATEGORY_IDS),
          insured: fc.option(day, { nil: null }),
          standing: fc.constantFrom<Membership['standing'][]>('counts', 'duplicate', 'suspected', 'unchecked'),
        }),
        { maxLength: 60 },
      )
      .map((records) =>
        records.map((r, i) =>
          member({
            id: `m${i}`,
            joined: r.joined,
            left: r.length === null ? null : addDays(r.joined, r.length),
            category: r.category,
            insuredThrough: r.insured,
            standing: r.standing,
          }),
        ),
      );
    fc.assert(
      fc.property(memberships, day, (list, date) => {
        const active = list.filter((m) => m.joined <= date && (m.left === null || m.left > date));
        const counted = active.filter((m) => m.standing !== 'duplicate');
        const c = rosterCounts(list, date);
        expect(c.members).toBe(counted.length);
        expect(Object.values(c.byCategory).reduce((a, b) => a + b, 0)).toBe(counted.length);
        for (const cat of MEMBER_CATEGORY_IDS) expect(c.byCategory[cat]).toBe(counted.filter((m) => m.category === cat).length);
        expect(c.insured).toBe(counted.filter((m) => m.insuredThrough !== null && m.insuredThrough >= date).length);
        expect(c.duplicates).toBe(active.length - counted.length);
        expect(c.unchecked).toBe(counted.filter((m) => m.standing === 'unchecked').length);
        expect(c.suspected).toBe(counted.filter((m) => m.standing === 'suspected').length);
      }),
    );
  });
});

describe('what a team’s record keeps of a membership', () => {
  it('is its category and days, never its name, person or community; a duplicate counts from no day', () => {
    const m: Membership = {
      id: 'm1',
      community: '450102001001',
      name: '黄丽',
      person: 'abc',
      category: 'medicalStaff',
      joined: '2023-01-05',
      left: null,
      insuredThrough: '2023-12-31',
      standing: 'counts',
    };
    expect(rosterEntry(m)).toEqual({
      category: 'medicalStaff',
      joined: '2023-01-05',
      left: null,
      insuredThrough: '2023-12-31',
      standing: 'counts',
      countsFrom: '2023-01-05',
    });
    expect(rosterEntry({ ...m, standing: 'duplicate' }).countsFrom).toBeNull();
    expect(rosterEntry({ ...m, countsFrom: '2023-06-15' }).countsFrom).toBe('2023-06-15');
  });
});

describe('a phone no one counts for any more', () => {
  it('stands for the next person recorded under it: their name is the one later memberships are compared with', () => {
    // 张三 counted and left, no one took the count over; the number went to 李四
    const left: IdentityClaim = { name: '张三', counting: null };
    const li = recordMembership(left, { id: 'b', community: '450103001001', name: '李四', person: 'p', joined: '2025-01-01' });
    expect(li).toMatchObject({ standing: 'counts', claim: { name: '李四', counting: { membership: 'b' } } });
    // 张三 again under the number: another name than the one it stands for now, counted until a county resolves it
    expect(
      recordMembership(li.claim, { id: 'c', community: '450104001001', name: '张三', person: 'p', joined: '2025-02-01' }).standing,
    ).toBe('suspected');
    // 李四 on a second roster: the same person, counted once
    expect(
      recordMembership(li.claim, { id: 'd', community: '450104001002', name: '李四', person: 'p', joined: '2025-02-01' }).standing,
    ).toBe('duplicate');
  });
});

describe('a possible duplicate resolved by its county', () => {
  it('is the same person (on another roster from now on) or another sharing the phone (counted), once, while current', () => {
    const m = { id: 'm2', community: '450103001001', name: '周建国', standing: 'suspected' as const, left: null, joined: '2024-03-01' };
    const claim: IdentityClaim = { name: '周国', counting: { membership: 'm1', community: '450102001001' } };
    expect(resolveSuspected(m, true, claim)).toEqual({ standing: 'duplicate', countsFrom: null, claim });
    expect(resolveSuspected(m, false, claim)).toEqual({ standing: 'distinct', countsFrom: '2024-03-01', claim });
    expect(resolveSuspected({ ...m, countsFrom: '2024-04-01' }, false, claim)).toMatchObject({
      standing: 'distinct',
      countsFrom: '2024-04-01',
    });
    // the same person, and no one counts for the phone any more (the other left): this one is the one that counts
    expect(resolveSuspected(m, true, { ...claim, counting: null })).toEqual({
      standing: 'counts',
      countsFrom: '2024-03-01',
      claim: { name: '周建国', counting: { membership: 'm2', community: '450103001001' } },
    });
    for (const other of ['counts', 'duplicate', 'unchecked', 'distinct'] as const)
      expect(resolveSuspected({ ...m, standing: other }, true, claim), other).toBeNull();
    expect(resolveSuspected({ ...m, left: '2024-05-01' }, true, claim)).toBeNull();
    // another person sharing the phone counts on the day judged, not in the suspected tally
    expect(rosterCounts([{ ...m, category: 'volunteers', insuredThrough: null, standing: 'distinct' }], '2024-06-01')).toMatchObject({
      members: 1,
      suspected: 0,
    });
  });
});

describe('a departed member’s personal data', () => {
  it('is due for erasure two years after they left, once', () => {
    expect(departedCutoff('2026-12-07')).toBe('2024-12-07');
    expect(dueForErasure({ left: '2024-12-06', erasedAt: undefined }, '2026-12-07')).toBe(true);
    expect(dueForErasure({ left: '2024-12-07', erasedAt: undefined }, '2026-12-07')).toBe(false);
    expect(dueForErasure({ left: null, erasedAt: undefined }, '2026-12-07')).toBe(false);
    expect(dueForErasure({ left: '2020-01-01', erasedAt: '2022-01-02T00:00:00Z' }, '2026-12-07')).toBe(false);
  });

  it('leaves the person’s identity item without the membership, keeping a name the others hold', () => {
    const claim: IdentityClaim = { name: '黄丽', counting: { membership: 'b', community: '450103001001' } };
    const ms = [
      { id: 'a', name: '黄丽' },
      { id: 'b', name: '黄 丽' },
      { id: 'c', name: '黄莉' },
    ];
    expect(withoutMembership(claim, ms, 'a')).toEqual({ claim, memberships: ms.slice(1) });
    // the name first recorded is only the erased one's: the next membership's name stands in
    expect(withoutMembership({ ...claim, name: '黄莉' }, ms, 'c')).toEqual({
      claim: { ...claim, name: '黄丽' },
      memberships: ms.slice(0, 2),
    });
    expect(withoutMembership(claim, [ms[0]], 'a')).toBeNull();
  });
});

describe('each person counted once', () => {
  it('tells the same person from a shared phone, and keeps a member without a mobile by name', () => {
    const claim: IdentityClaim = { name: '李建华', counting: { membership: 'a', community: '450102001001' } };
    expect(standingOf(null, '李建华', 'p1')).toBe('counts');
    expect(standingOf(claim, '李 建华', 'p1')).toBe('duplicate');
    expect(standingOf(claim, '李建国', 'p1')).toBe('suspected');
    expect(standingOf(claim, '李建华', null)).toBe('unchecked');
    // the person's counting membership ended with nobody to take over: the next one counts again
    expect(standingOf({ name: '李建华', counting: null }, '李建华', 'p1')).toBe('counts');
  });

  it('counts exactly one membership of a person on several rosters, whatever order the writes arrive in', () => {
    const writes = fc.uniqueArray(fc.integer({ min: 100, max: 999 }), { minLength: 1, maxLength: 8 }).map((codes) =>
      codes.map((n, i) => ({
        id: `m${i}`,
        community: `450102001${n}`,
        name: i % 3 === 2 ? '李建国' : '李建华',
        person: 'p1',
        joined: '2024-01-01',
      })),
    );
    fc.assert(
      fc.property(
        writes.chain((w) => fc.tuple(fc.constant(w), fc.shuffledSubarray(w, { minLength: w.length, maxLength: w.length }))),
        ([, order]) => {
          let claim: IdentityClaim | null = null;
          const standings: string[] = [];
          for (const w of order) {
            const r = recordMembership(claim, w);
            claim = r.claim;
            standings.push(r.standing);
            // a duplicate never counts until a hand-over; every other membership from the day it joined
            expect(r.countsFrom).toBe(r.standing === 'duplicate' ? null : w.joined);
          }
          // the first written counts; every later one of the same name is a duplicate, another name suspected
          expect(standings.filter((s) => s === 'counts')).toHaveLength(1);
          expect(standings[0]).toBe('counts');
          expect(claim?.counting?.membership).toBe(order[0].id);
          const sameName = (w: (typeof order)[number]) => normaliseName(w.name) === normaliseName(order[0].name);
          expect(order.slice(1).map((w, i) => [sameName(w), standings[i + 1]])).toEqual(
            order.slice(1).map((w) => [sameName(w), sameName(w) ? 'duplicate' : 'suspected']),
          );
        },
      ),
    );
  });

  it('makes the hand-over as of the day given: a duplicate that has left by then never takes the count, one that joined since does', () => {
    const counting = member({ id: 'a', community: 'c1', joined: '2023-01-01', left: '2024-03-01' });
    const leftSince = member({ id: 'b', community: 'c2', joined: '2024-01-10', left: '2024-05-01', standing: 'duplicate' });
    const joinedSince = member({ id: 'c', community: 'c3', joined: '2024-04-01', standing: 'duplicate' });
    expect(handOver(counting, [leftSince, joinedSince], '2024-06-15')?.id).toBe('c');
    expect(handOver(counting, [leftSince], '2024-06-15')).toBeNull();
  });

  it('hands the count over when the counting membership ends: to the earliest-joined duplicate still active', () => {
    const counting = member({ id: 'a', community: 'c1', joined: '2022-01-01' });
    const later = member({ id: 'b', community: 'c2', joined: '2023-05-01', standing: 'duplicate' });
    const earlier = member({ id: 'c', community: 'c3', joined: '2022-06-01', standing: 'duplicate' });
    const gone = member({ id: 'd', community: 'c4', joined: '2021-06-01', left: '2023-01-01', standing: 'duplicate' });
    const suspected = member({ id: 'e', community: 'c5', joined: '2021-01-01', standing: 'suspected', name: '李建国' });
    const claim: IdentityClaim = { name: '李建华', counting: { membership: 'a', community: 'c1' } };
    const ended = { ...counting, left: '2024-06-01' };
    const r = endMembership(claim, ended, [later, earlier, gone, suspected], '2024-06-01');
    expect(r.promoted).toMatchObject({ id: 'c', standing: 'counts' });
    expect(r.claim.counting).toEqual({ membership: 'c', community: 'c3' });
    // nobody left: nobody counts, until the person joins a roster again
    expect(endMembership(claim, ended, [gone, suspected], '2024-06-01')).toEqual({
      claim: { name: '李建华', counting: null },
      promoted: null,
    });
    // a duplicate's end changes nothing of the count
    expect(endMembership(claim, { ...later, left: '2024-06-01' }, [counting, earlier], '2024-06-01')).toEqual({ claim, promoted: null });
    // only the same person's duplicate takes over: another person's, however early, never does
    const stranger = member({ id: 'z', community: 'c9', joined: '2020-01-01', standing: 'duplicate', person: 'p2' });
    expect(handOver(ended, [stranger, later], '2024-06-01')?.id).toBe('b');
    expect(handOver(ended, [stranger, { ...ended, standing: 'duplicate' }], '2024-06-01')).toBeNull();
    // nobody counting (the last one left before): ending changes nothing
    const none: IdentityClaim = { name: '李建华', counting: null };
    expect(endMembership(none, ended, [later], '2024-06-01')).toEqual({ claim: none, promoted: null });
    // ties between equally early duplicates go by id, so every reader names the same one
    const tie = member({ id: 'b2', community: 'c6', joined: '2022-06-01', standing: 'duplicate' });
    expect(handOver(ended, [tie, earlier], '2024-06-01')?.id).toBe('b2');
    expect(handOver(ended, [earlier, tie], '2024-06-01')?.id).toBe('b2');
  });
});

describe('a member as a county writes them', () => {
  const valid = { name: '周明', mobile: '+86 139-0011-2233', category: 'veterans', joined: '2024-03-01', insuredThrough: '2024-12-31' };
  const issues = (body: unknown) => {
    const r = membershipInputShape.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('keeps the mobile as its 11 digits, and a member without one (or without insurance) as null', () => {
    expect(membershipInputShape.parse(valid)).toEqual({ ...valid, mobile: '13900112233', role: null, certifiedThrough: null });
    // a role as written, a blank one as none; a phone in it refused (it would be shown unmasked)
    expect(membershipInputShape.parse({ ...valid, role: ' 队长 ' }).role).toBe('队长');
    expect(membershipInputShape.parse({ ...valid, role: '' }).role).toBeNull();
    expect(issues({ ...valid, role: '联系 13900112233' })).toEqual(['role: roster.role.mobile']);
    const { mobile: _m, insuredThrough: _i, ...bare } = valid;
    expect(membershipInputShape.parse(bare)).toMatchObject({ mobile: null, insuredThrough: null });
    expect(membershipInputShape.parse({ ...valid, mobile: null, insuredThrough: null })).toMatchObject({
      mobile: null,
      insuredThrough: null,
    });
  });

  it('names what is wrong, field by field, and takes nothing it does not know', () => {
    expect(issues({ ...valid, mobile: '1390011223' })).toEqual(['mobile: roster.mobile.invalid']);
    expect(issues({ ...valid, category: 'firemen' })).toEqual(['category: roster.category.invalid']);
    for (const joined of ['2024-02-30', '2024-3-1', '二〇二四年', ' '])
      expect(issues({ ...valid, joined }), joined).toEqual(['joined: field.notDate']);
    expect(issues({ ...valid, insuredThrough: '2024-13-01' })).toEqual(['insuredThrough: field.notDate']);
    expect(issues({ ...valid, idNumber: '450102199001011234' })).toHaveLength(1);
    // a mobile written into the name (however spaced) would be shown unmasked wherever names are
    for (const name of ['张三13800138000', '张三 138 0013 8000', '张三１３８００１３８０００'])
      expect(issues({ ...valid, name }), name).toEqual(['name: roster.name.mobile']);
    expect(issues({ ...valid, name: '张三（2号）' })).toEqual([]);
    // digits that are no mobile (a building, a short number) are a name's own
    expect(issues({ ...valid, name: '张三138号楼13800' })).toEqual([]);
    // insurance that ends before the member joined, and dates outside 1949-10-01 .. 2099-12-31
    expect(issues({ ...valid, insuredThrough: '2024-02-29' })).toEqual(['insuredThrough: roster.insured.beforeJoined']);
    expect(issues({ ...valid, insuredThrough: '2024-03-01' })).toEqual([]);
    for (const joined of ['0100-01-01', '1949-09-30', '2100-01-01'])
      expect(issues({ ...valid, joined, insuredThrough: null }), joined).toEqual(['joined: field.dateRange']);
    for (const joined of ['1949-10-01', '2099-12-31']) expect(issues({ ...valid, joined, insuredThrough: null }), joined).toEqual([]);
    expect(membershipEndShape.safeParse({ left: '2024-06-01' }).success).toBe(true);
    expect(membershipEndShape.safeParse({ left: '2024-06-31' }).success).toBe(false);
  });

  it('takes a correction of the category or the insurance date, one or both, and nothing else', () => {
    const corrected = (body: unknown) => {
      const r = membershipCorrectionShape.safeParse(body);
      return r.success ? r.data : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(corrected({ category: 'veterans' })).toEqual({ category: 'veterans' });
    expect(corrected({ insuredThrough: '2025-06-30' })).toEqual({ insuredThrough: '2025-06-30' });
    expect(corrected({ insuredThrough: null })).toEqual({ insuredThrough: null });
    expect(corrected({ category: 'medicalStaff', insuredThrough: '2025-06-30' })).toEqual({
      category: 'medicalStaff',
      insuredThrough: '2025-06-30',
    });
    expect(corrected({})).toEqual([': roster.correction.empty']);
    expect(corrected({ category: 'firemen' })).toEqual(['category: roster.category.invalid']);
    expect(corrected({ insuredThrough: '2025-02-30' })).toEqual(['insuredThrough: field.notDate']);
    expect(corrected({ name: '改名' })).toEqual(expect.arrayContaining([expect.stringContaining('Unrecognized key')]));
  });
});
