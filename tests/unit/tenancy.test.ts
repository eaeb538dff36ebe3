import { describe, expect, it } from 'vitest';
import { SHIPPED_BOOK } from '#app/programmes.js';
import { ValidationError } from '#core/errors.js';
import { areasOfBook, bookFor, checkProgrammeAreas, overlapOf, programmeOf } from '#core/tenancy.js';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ValidationError ? e.msg.id : `not a 400: ${e}`;
  }
  return 'accepted';
};

describe('programme areas in one deployment', () => {
  it('takes provinces, cities and counties that do not overlap', () => {
    expect(checkProgrammeAreas(['45', '331181', '3607', '360982', '11'])).toEqual(['45', '331181', '3607', '360982', '11']);
  });

  it('refuses an area inside, around or equal to another, a malformed code, and none at all', () => {
    expect(refusal(() => checkProgrammeAreas(['45', '4501']))).toBe('programme.area.overlap');
    expect(refusal(() => checkProgrammeAreas(['331181', '33']))).toBe('programme.area.overlap');
    expect(refusal(() => checkProgrammeAreas(['3607', '360702']))).toBe('programme.area.overlap');
    expect(refusal(() => checkProgrammeAreas(['45', '45']))).toBe('programme.area.overlap');
    for (const bad of ['4', '450', '45010', '4501021', 'gx', ''])
      expect(
        refusal(() => checkProgrammeAreas([bad])),
        bad,
      ).toBe('programme.area.format');
    expect(refusal(() => checkProgrammeAreas([]))).toBe('programme.area.none');
  });

  it('names the area a code overlaps, and the programme a code lies in', () => {
    expect(overlapOf(['45', '331181'], '3311')).toBe('331181');
    expect(overlapOf(['45', '331181'], '3312')).toBeNull();
    expect(overlapOf(['45'], '450102001')).toBe('45');
    expect(programmeOf(['45', '331181'], '331181102201')).toBe('331181');
    expect(programmeOf(['45', '331181'], '450102')).toBe('45');
    expect(programmeOf(['45', '331181'], '331102')).toBeNull();
    // a prefix of a programme's area is not in it: the city around a county programme is no part of it
    expect(programmeOf(['331181'], '3311')).toBeNull();
  });

  it("gives each programme its own book: its documents' versions and the standards they name", () => {
    const longquan = {
      ...SHIPPED_BOOK.programmes[0],
      id: 'lq-2022',
      region: '331181',
      standards: [{ id: 'longquan-2022', version: 1 }],
    };
    // the shipped book holds every seed's standard; a programme's book only those its documents name
    const book = { programmes: [...SHIPPED_BOOK.programmes, longquan], standards: SHIPPED_BOOK.standards };
    const ids = (b: { standards: { id: string }[] }) => [...new Set(b.standards.map((s) => s.id))];
    expect(ids(book)).toEqual(expect.arrayContaining(['gx-2021', 'longquan-2022', 'zhangshu-2024']));
    expect(areasOfBook(book)).toEqual([SHIPPED_BOOK.programmes[0].region, '331181']);
    expect(bookFor(book, '331181').programmes).toEqual([longquan]);
    expect(ids(bookFor(book, '331181'))).toEqual(['longquan-2022']);
    expect(bookFor(book, SHIPPED_BOOK.programmes[0].region).programmes).toEqual(SHIPPED_BOOK.programmes);
    expect(ids(bookFor(book, SHIPPED_BOOK.programmes[0].region))).toEqual(['gx-2021']);
    expect(bookFor(book, '11')).toEqual({ programmes: [], standards: [] });
  });
});
