// Named domain errors; the API maps each to one HTTP status (functions/api/http.ts) and writes its
// message, and each field issue's, in the caller's language from the catalogue (core/messages).
import { type Message, message as messageOf, toWire, zhText } from './messages/index.js';

const currentVersionMessage = (v: number | null) =>
  v === null ? messageOf('conflict.current.none') : messageOf('conflict.current.version', { version: v });

/** What is wrong with one field: a message of the catalogue. */
export interface FieldIssue {
  field: string;
  message: Message;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** The message, to be written in the reader's language; `message` is its zh-CN text (logs, documents). */
  readonly msg: Message;
  constructor(
    message: Message,
    readonly details: unknown[] = [],
  ) {
    super(zhText(message));
    this.msg = message;
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: Message,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message, issues);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    message: Message,
    readonly currentVersion: number | null,
    readonly current?: unknown,
    /** The communities whose version was stale, when a bulk write conflicts. */
    readonly communityCodes: string[] = [],
  ) {
    // The detail is a message too: what stands now, in the reader's language.
    super(message, [{ currentVersion, ...toWire(currentVersionMessage(currentVersion)) }]);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** The same import is being written by another request; try again shortly to get its result. */
export class ImportInProgressError extends DomainError {
  readonly code = 'IMPORT_IN_PROGRESS';
}

/** A caller reached a limit (phone reveals an hour); it may try again after `retryAfterSeconds` (429, Retry-After). */
export class TooManyRequestsError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(
    message: Message,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Nothing was saved and a retry will work (e.g. a lease was lost); the API answers 503 RETRY. */
export class RetryLaterError extends DomainError {
  readonly code = 'RETRY';
}

/** An Idempotency-Key already used for another file. */
export class KeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
}

/** A record that is there already, which a second write would only repeat (the same person twice on one roster). */
export class AlreadyThereError extends DomainError {
  readonly code = 'ALREADY_THERE';
}
