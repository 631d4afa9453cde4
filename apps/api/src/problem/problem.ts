import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '#domain';
import {
  EventIdConflictError,
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '#event-store';
import { isDatabaseUnavailable } from '#sql';

/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** The rule that refused a command: a stable code clients can test. */
  rule?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are URNs named after the rule: stable, and never mistaken for a page to fetch. */
export const problemType = (code: string) => `urn:cannatrace:problem:${code}`;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  406: 'Not Acceptable',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const STATUS_OF: Record<DomainErrorKind, number> = { rule: 422, forbidden: 403, not_found: 404, conflict: 409 };

export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

/** An HttpException whose body is already a problem. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

/** Every error as a problem; undefined for an unexpected one (a 500, logged by the filter). */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError)
    return problem(STATUS_OF[error.kind], error.rule, error.message, { rule: error.rule });
  if (error instanceof WrongExpectedRevisionError) {
    return problem(409, 'concurrent_change', 'The resource changed while this command was decided; retry it.');
  }
  if (error instanceof EventIdConflictError) return problem(409, 'event_id_conflict', error.message);
  if (error instanceof InvalidEventError) return problem(400, 'invalid_event', error.message);
  if (error instanceof EventStoreUnavailableError || isDatabaseUnavailable(error)) {
    return problem(
      503,
      'event_store_unavailable',
      'The event store does not answer; retry later with the same Idempotency-Key.',
    );
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Errors of the HTTP layer below Nest (body parser, URL decoding) arrive wrapped, the original as cause.
    const cause = error.cause as { type?: string } | undefined;
    if (cause instanceof SyntaxError) return problem(400, 'malformed_json', 'The body is not valid JSON.');
    if (cause?.type === 'entity.too.large') return problem(413, 'body_too_large', 'The body is larger than the limit.');
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return {
      type: 'about:blank',
      title: TITLES[status] ?? error.name,
      status,
      detail: Array.isArray(message) ? message.join('; ') : String(message ?? error.message),
    };
  }
  return undefined;
}

export const INTERNAL_ERROR: Problem = {
  type: 'about:blank',
  title: TITLES[HttpStatus.INTERNAL_SERVER_ERROR],
  status: HttpStatus.INTERNAL_SERVER_ERROR,
  detail: 'An unexpected error occurred.',
};
