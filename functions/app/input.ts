// Free text a person writes in a JSON body (a reason, a note): the rules every route applies to it.
import { ValidationError } from '#core/errors.js';
import { message } from '#core/messages/index.js';

const REASON_MAX = 200;
/** A short plain-text field of a JSON body (a reason, a note): 1 to 200 characters, no line breaks or control characters. */
export function plainTextOf(body: unknown, field: string, label: string | { zh: string; en: string }, required: boolean): string {
  const value = body && typeof body === 'object' && field in body ? (body as Record<string, unknown>)[field] : undefined;
  if (value === undefined && !required) return '';
  if (typeof value !== 'string' || !value.trim() || value.length > REASON_MAX || /[\p{Cc}\p{Cf}]/u.test(value)) {
    throw new ValidationError(message('text.required', { label, max: REASON_MAX }), [
      { field, message: message('text.required.short', { label }) },
    ]);
  }
  return value.trim();
}
