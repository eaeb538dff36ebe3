// Free text a person writes in a JSON body (a reason, a note): the one input policy (core/text.ts) applied to it.
import { ValidationError } from '#core/errors.js';
import type * as z from 'zod';
import { checkWith, fieldIssues, issueList, type Label } from '#core/issues.js';
import { message } from '#core/messages/index.js';
import { plainText } from '#core/text.js';

const REASON_MAX = 200;
/** A short plain-text field of a JSON body (a reason, a note): 1 to 200 characters, held to the rules of every text. */
export function plainTextOf(body: unknown, field: string, label: Label, required: boolean): string {
  const value = body && typeof body === 'object' && Object.hasOwn(body, field) ? (body as Record<string, unknown>)[field] : undefined;
  if (value === undefined && !required) return '';
  if (typeof value !== 'string' || !value.trim()) {
    throw new ValidationError(message('text.required', { label, max: REASON_MAX }), [
      { field, message: message('text.required.short', { label }) },
    ]);
  }
  const parsed = checkWith(plainText(REASON_MAX), value);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(
    parsed.error.issues.map((i) => ({ ...i, path: [field] })),
    () => label,
  );
  throw new ValidationError(issues[0].message, issues);
}

/**
 * A JSON body checked against its route's schema (the one the contract documents): the fields it
 * names, of their types, and nothing else — a mistyped or unknown field is a 400, never dropped.
 */
export function bodyOf<S extends z.ZodType>(schema: S, body: unknown, labelOf: (path: string) => Label = (p) => p): z.infer<S> {
  const parsed = checkWith(schema, body);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error.issues, labelOf, '(body)');
  throw new ValidationError(message('request.invalid', { issues: issueList(issues) }), issues);
}
