// Who receives each scope's monthly summary: managed by the province, or by a city/county for itself.
import { recipientsBody } from '#contract/bodies.js';
import { ForbiddenError, NotFoundError, ValidationError } from '#core/errors.js';
import { checkWith, fieldIssues } from '#core/issues.js';
import { message } from '#core/messages/index.js';
import { formatScope, parseScope, type Scope } from '#core/scope.js';
import { today, type Deps } from './deps.js';
import type { Caller } from './caller.js';

const mayManage = (caller: Scope, target: Scope) =>
  caller.kind === 'province' || (caller.kind === target.kind && 'code' in caller && 'code' in target && caller.code === target.code);

const mayRead = (caller: Scope, target: Scope) =>
  mayManage(caller, target) || (caller.kind === 'city' && target.kind === 'county' && target.code.startsWith(caller.code));

function targetScope(raw: string): Scope {
  const scope = parseScope(raw);
  if (!scope) throw new ValidationError(message('recipients.scope.invalid', { scope: raw }));
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
  if (!mayManage(caller.scope, target)) throw new ForbiddenError(message('recipients.forbidden', { scope: formatScope(target) }));
  const list = checkWith(recipientsBody, body);
  if (!list.success) {
    throw new ValidationError(
      message('recipients.invalid'),
      fieldIssues(list.error.issues, () => ({ zh: '收件人', en: 'Recipients' })),
    );
  }
  // A scope no county of the registry is in gets no recipients: nothing would ever be sent to them.
  if (target.kind !== 'province') {
    const counties = (await deps.store.listAggregates()).map((a) => a.code);
    if (!counties.some((c) => c.startsWith(target.code)))
      throw new NotFoundError(
        target.kind === 'city' ? message('city.unknown', { city: target.code }) : message('county.unknown', { county: target.code }),
      );
  }
  const unique = [...new Set(list.data.emails.map((e) => e.trim().toLowerCase()))];
  const now = deps.clock.now().toISOString();
  await deps.store.putRecipients(formatScope(target), unique, `${formatScope(caller.scope)}/${caller.user}`, now);
  return { scope: formatScope(target), emails: unique, updatedAt: now, asOf: today(deps.clock) };
}
