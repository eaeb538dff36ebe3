// The one input policy for text a person writes, whatever the route: a team's name, a registry unit's
// name, a standard's titles and messages, a campaign's name, a check's note, an answer, a reason.
// Every such text reaches screens, plain-text emails, spreadsheets and CSV files, so each is held to
// the same rules; and the keys a body may name (a role, a checklist item) to the same pattern.
import * as z from 'zod';

// Characters a name never needs, each able to forge or hide text in an email, a file or a screen:
// control characters and line breaks (a fake section in a plain-text email), bidirectional
// overrides (text that reads backwards), and lone surrogates (broken UTF-16).
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Every other format character (zero-width ones, soft hyphens, tags, annotations, a BOM inside): invisible, never needed.
const FORMAT = /\p{Cf}/u;
const LONE_SURROGATE = /\p{Cs}/u;
// Three combining marks on one letter stack into unreadable text ("Zalgo"); names need at most two.
const STACKED_MARKS = /\p{M}{3,}/u;
const INVISIBLE = /[\s\p{Cf}\u115F\u1160\u180E\u2800\u3164\uFFA0]/gu;

// Text that a spreadsheet would run as a formula is refused at the door (CSV/formula injection). A check
// zod names by its kind (not text, too short, too long) gets its message from fieldIssues; the others name
// theirs in the catalogue. fieldIssues adds the field's label and the limits.
/** What a spreadsheet would run as a formula at the start of a cell (OWASP's CSV injection list). */
export const FORMULA_PREFIX = /^[=+\-@\t\r]/;

export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { abort: true })
    .max(max)
    .refine((s) => !CONTROL.test(s), { error: 'field.controlChars' })
    .refine((s) => !BIDI.test(s), { error: 'field.bidi' })
    .refine((s) => BIDI.test(s) || !FORMAT.test(s) || s.replace(INVISIBLE, '') === '', { error: 'field.invisible' })
    .refine((s) => !STACKED_MARKS.test(s), { error: 'field.stackedMarks' })
    .refine((s) => !LONE_SURROGATE.test(s), { error: 'field.badEncoding' })
    .refine((s) => s.replace(INVISIBLE, '') !== '', { error: 'field.blank' })
    .refine((s) => !FORMULA_PREFIX.test(s), { error: 'field.formula' });

/** A text in both languages (a standard's title, a rule's message), each held to the same rules. */
export const bilingualText = (max: number) => z.object({ zh: plainText(max), en: plainText(max) }).strict();

/** Names JavaScript gives every object: a key so named would read the object's machinery, not its data. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const KEY = /^[a-z][A-Za-z0-9-]{0,39}$/;
/** A key a body may name (a role, a checklist item, a count): lower-case first, at most 40 characters, never a prototype name. */
export const recordKey = () =>
  z
    .string()
    .regex(KEY, { error: 'field.badKey' })
    .refine((k) => !PROTOTYPE_KEYS.has(k), { error: 'field.badKey' });

// Control, bidi and format characters, as a refusal shows the value it refuses: each named, so the text cannot reverse or hide
// what follows it on the clerk's screen (a refused name with U+202E in it would read backwards).
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** A value as shown back to the person who sent it: every control, bidi or invisible character written as ⟨U+XXXX⟩. */
export const visible = (s: string) => s.replace(HIDDEN, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
