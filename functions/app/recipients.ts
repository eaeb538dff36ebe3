// Who receives each scope's monthly summary: managed by the province, or by a city/county for itself.
import * as z from 'zod';
import { ForbiddenError, ValidationError } from '#core/errors.js';
import { formatScope, parseScope, type Scope } from '#core/scope.js';
import { today, type Deps } from './deps.js';
import type { Caller } from './caller.js';

const MAX_RECIPIENTS = 20;
const emails = z
  .array(z.email({ error: '邮箱地址格式不对' }).max(254))
  .max(MAX_RECIPIENTS, { error: `每个范围最多 ${MAX_RECIPIENTS} 个收件人` });

const mayManage = (caller: Scope, target: Scope) =>
  caller.kind === 'province' || (caller.kind === target.kind && 'code' in caller && 'code' in target && caller.code === target.code);

const mayRead = (caller: Scope, target: Scope) =>
  mayManage(caller, target) || (caller.kind === 'city' && target.kind === 'county' && target.code.startsWith(caller.code));

function targetScope(raw: string): Scope {
  const scope = parseScope(raw);
  if (!scope) throw new ValidationError(`范围 ${raw} 不对：应为 province、city-4501 或 county-450102`);
  return scope;
}

export async function listRecipients(deps: Deps, caller: Caller) {
  const all = await deps.store.listRecipients();
  return {
    recipients: all.filter((r) => {
      const s = parseScope(r.scope);
      return s && mayRead(caller.scope, s);
    }),
  };
}

export async function setRecipients(deps: Deps, caller: Caller, rawScope: string, body: unknown) {
  const target = targetScope(rawScope);
  if (!mayManage(caller.scope, target)) throw new ForbiddenError(`无权管理 ${formatScope(target)} 的收件人`);
  const list = z.object({ emails }).strict().safeParse(body);
  if (!list.success) {
    throw new ValidationError(
      '收件人列表有误',
      list.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
    );
  }
  const unique = [...new Set(list.data.emails.map((e) => e.trim().toLowerCase()))];
  const now = deps.clock.now().toISOString();
  await deps.store.putRecipients(formatScope(target), unique, `${formatScope(caller.scope)}/${caller.user}`, now);
  return { scope: formatScope(target), emails: unique, updatedAt: now, asOf: today(deps.clock) };
}
