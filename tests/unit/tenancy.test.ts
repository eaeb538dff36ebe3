import { describe, expect, it } from 'vitest';
import { SHIPPED_BOOK, shippedProgrammeAreas } from '#app/programmes.js';
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

  it("gives each programme its own book: its documents' versions, and every shipped standard for comparison", () => {
    const programmes = (b: { programmes: { id: string }[] }) => b.programmes.map((p) => p.id);
    expect(areasOfBook(SHIPPED_BOOK)).toEqual(['45', '331181', '360982']);
    expect(programmes(bookFor(SHIPPED_BOOK, '331181'))).toEqual(['lq-2022']);
    expect(programmes(bookFor(SHIPPED_BOOK, '360982'))).toEqual(['zs-2024']);
    expect(programmes(bookFor(SHIPPED_BOOK, '45'))).toEqual(['gx-2021', 'gx-2024']);
    expect(programmes(bookFor(SHIPPED_BOOK, '11'))).toEqual([]);
    for (const area of ['45', '331181']) expect(bookFor(SHIPPED_BOOK, area).standards).toEqual(SHIPPED_BOOK.standards);
  });

  it("reads a deployment's list of programmes: shipped ones only, none overlapping", () => {
    expect(shippedProgrammeAreas(' 45, 331181 ')).toEqual(['45', '331181']);
    expect(() => shippedProgrammeAreas('45,11')).toThrow(/no programme is shipped for 11/);
    expect(refusal(() => shippedProgrammeAreas('45,4501'))).toBe('programme.area.overlap');
    expect(refusal(() => shippedProgrammeAreas(''))).toBe('programme.area.none');
  });
});
