// zod's issues as field issues of the catalogue. A schema names its message by id (`error: 'field.required'`);
// a built-in check it does not name gets a general message for its kind. `labelOf` names each field, in
// both languages, from its path; the numbers a check compared against become parameters.
import type * as z from 'zod';
import type { FieldIssue } from './errors.js';
import { isMessageId, listed, type Message, message, type MessageId, type Params, zhText } from './messages/index.js';

export type Label = { zh: string; en: string } | string | Message;

const isId = (s: string): s is MessageId => isMessageId(s);

function generalId(issue: z.core.$ZodIssue): MessageId {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'string') return 'field.notText';
      if (issue.expected === 'int' || issue.expected === 'number') return 'field.notInteger';
      if (issue.expected === 'boolean') return 'field.yesNo';
      return 'field.invalid';
    case 'too_small':
      if (issue.origin === 'string') return 'field.required';
      if (issue.origin === 'number' || issue.origin === 'int') return Number(issue.minimum) === 0 ? 'field.negative' : 'field.tooSmall';
      return 'field.invalid';
    case 'too_big':
      if (issue.origin === 'string') return 'field.tooLong';
      if (issue.origin === 'number' || issue.origin === 'int') return 'field.tooLarge';
      if (issue.origin === 'array') return 'field.tooMany';
      return 'field.invalid';
    default:
      return 'field.invalid';
  }
}

/**
 * Parses as every check of the API does: a field not there at all is named `field.required` while zod
 * still sees the input (its issues keep none, and say so only in English words). A schema naming its
 * own message for the field keeps it.
 */
export function checkWith<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'field.required' : undefined),
  });
}

export function fieldIssues(issues: readonly z.core.$ZodIssue[], labelOf: (path: string) => Label, root = '(body)'): FieldIssue[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = listed(issue.keys);
      return { field: issue.keys.join(','), message: message('field.unknown', { keys, count: issue.keys.length }) };
    }
    const field = issue.path.map(String).join('.') || root;
    // The body as a whole (an array, null): named as such, not by the path's placeholder.
    const params: Params = { label: field === root ? { zh: '请求内容', en: 'The request body' } : labelOf(field) };
    if ('maximum' in issue) params.max = Number(issue.maximum);
    if ('minimum' in issue) params.min = Number(issue.minimum);
    if (issue.code === 'custom' && issue.params) Object.assign(params, issue.params);
    if (issue.code === 'invalid_value' && !isId(issue.message)) {
      const values = issue.values.map(String);
      return { field, message: message('field.oneOf', { ...params, values: listed(values) }) };
    }
    return { field, message: message(isId(issue.message) ? issue.message : generalId(issue), params) };
  });
}

/** Issues in one sentence, each in the reader's language (a chain of list.join messages: first; the rest). */
export const issueList = (issues: readonly FieldIssue[]): Message =>
  issues.map((i) => i.message).reduceRight<Message | null>((rest, first) => (rest ? message('list.join', { first, rest }) : first), null) ??
  message('word.none');

/** An issue's zh-CN text (a reason written into a document, a row of a refusal kept in Chinese). */
export const issueText = (issue: FieldIssue) => zhText(issue.message);
