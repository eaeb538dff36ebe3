// Who is calling a use case: the scope their token carries, and their name for the audit fields.
import type { Scope } from '#core/scope.js';

export interface Caller {
  scope: Scope;
  /** The signed-in user's name or id, for the audit fields. */
  user: string;
}
