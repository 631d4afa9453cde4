import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.js';
import { ProblemResponse } from './problem.response.js';

type ErrorStatus = 400 | 401 | 403 | 404 | 406 | 409 | 422 | 429;

const ERRORS: Record<ErrorStatus, string> = {
  400: 'The body, a parameter or the Idempotency-Key is malformed; `errors` names each field',
  401: 'No bearer token, or one that is not valid (WWW-Authenticate: Bearer)',
  403: 'The caller’s role or organisation may not do this',
  404: 'What the path names does not exist (or is outside the caller’s scope)',
  406: 'The GS1-EPCIS-Version asked for is not spoken here',
  409: 'The Idempotency-Key was used with another request or is still in progress, or a concurrent change',
  422: 'A rule of the circuit refuses the command; `rule` names it',
  429: 'More requests in a minute than allowed; retry after the Retry-After seconds',
};

/** What a command can answer wrongly; what a read can. */
export const COMMAND_ERRORS: ErrorStatus[] = [400, 401, 403, 404, 409, 422, 429];
export const READ_ERRORS: ErrorStatus[] = [400, 401, 403, 404, 429];

const problemAnswers = (statuses: ErrorStatus[]) =>
  statuses.map((status) =>
    ApiResponse({
      status,
      description: ERRORS[status],
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponse) } } },
    }),
  );

interface Operation {
  summary: string;
  /** The answer's schema: a class, or `[Class]` for a list. */
  type: Type<unknown> | [Type<unknown>];
  /** What the answer is, in a few words. */
  description: string;
}

/**
 * A command: its 201 answer (200 with `status`), every problem it can answer, and the `Idempotency-Key` a POST
 * takes (a retry with the same key and body gets the first answer again and writes nothing).
 */
export function CommandOperation({
  status = 201,
  idempotencyKey = true,
  ...operation
}: Operation & { status?: 200 | 201; idempotencyKey?: boolean }) {
  return applyDecorators(
    ApiOperation({ summary: operation.summary }),
    ApiExtraModels(ProblemResponse),
    ApiResponse({ status, type: operation.type, description: operation.description }),
    ...problemAnswers(COMMAND_ERRORS),
    ...(idempotencyKey ? [IdempotencyKeyHeader()] : []),
  );
}

/** A read: its 200 answer and the problems it can answer. */
export function ReadOperation({ errors = READ_ERRORS, ...operation }: Operation & { errors?: ErrorStatus[] }) {
  return applyDecorators(
    ApiOperation({ summary: operation.summary }),
    ApiExtraModels(ProblemResponse),
    ApiResponse({ status: 200, type: operation.type, description: operation.description }),
    ...problemAnswers(errors),
  );
}

/** The `Idempotency-Key` every POST takes. */
export const IdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Makes a POST safe to retry: 1 to 200 visible ASCII characters, unique per request. A retry with the same key and body answers the first answer again (Idempotent-Replayed: true) and writes nothing; the same key with another body is a 409.',
    example: '5d7e0c1a-order-2026-03-02-001',
  });
