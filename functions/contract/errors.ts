// The API's error answer, as every route gives it: a stable code, the message (its id, its arguments and
// its text in the caller's language), the issues field by field, and on a 409 what stands now.
import * as z from 'zod';
import { strict } from './common.js';
import { teamAnswer } from './teams.js';

export const errorBody = z
  .object({
    error: strict({
      code: z.enum([
        'VALIDATION_FAILED',
        'UNAUTHORIZED',
        'FORBIDDEN',
        'NOT_FOUND',
        'VERSION_CONFLICT',
        'IMPORT_IN_PROGRESS',
        'IDEMPOTENCY_KEY_REUSED',
        'ALREADY_THERE',
        'PAYLOAD_TOO_LARGE',
        'TOO_MANY_REQUESTS',
        'RETRY',
        'INTERNAL',
      ]),
      messageId: z.string().meta({ description: '消息编号（见消息目录）/ the message id in the catalogue' }),
      params: z.record(z.string(), z.unknown()),
      message: z.string().meta({
        description: '按 Accept-Language 写出的说明（缺省中文）/ the message in the language Accept-Language asks (default zh-CN)',
      }),
      details: z
        .array(
          z.union([
            strict({ field: z.string(), messageId: z.string(), params: z.record(z.string(), z.unknown()), message: z.string() }),
            strict({
              currentVersion: z.number().int().nullable(),
              messageId: z.string(),
              params: z.record(z.string(), z.unknown()),
              message: z.string(),
            }),
          ]),
        )
        .meta({
          description:
            '逐项问题 {field, messageId, params, message}；409 为 {currentVersion, messageId, params, message} / field by field issues, each a message; on 409, {currentVersion} and its message',
        }),
      currentVersion: z.number().int().nullable().optional().meta({ description: '409：当前版本 / on 409, the version now stored' }),
      current: teamAnswer
        .optional()
        .meta({ description: '409：队伍现状（按调用者可见的）/ on 409, the team as it stands (as the caller may see it)' }),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorAnswer = z.infer<typeof errorBody>;
