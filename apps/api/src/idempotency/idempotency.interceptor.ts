import {
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { canonicalJson } from '#event-store';
import type { AuthenticatedRequest } from '../auth/access.decorators.js';
import type { CommandRequest } from '../shared/streams/command-context.js';
import { nameBasedId } from '../shared/streams/event-ids.js';
import { problem, ProblemException, toProblem } from '../problem/problem.js';
import { IdempotencyStore } from './idempotency-store.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** A stored answer sent again as it was first sent: status, body and content type. */
export class ReplayedResponse extends HttpException {
  constructor(
    readonly replayedStatus: number,
    readonly replayedBody: unknown,
  ) {
    super('replayed', replayedStatus);
  }
}

/**
 * `Idempotency-Key` on a POST: the first answer (success or refusal) is kept per caller and key; a retry with the
 * same body gets it again and writes nothing; the same key with another body is a 409. Failures of our own (5xx)
 * are not kept, so their retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest & CommandRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.principal) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new ProblemException(
        problem(400, 'bad_idempotency_key', 'Idempotency-Key must be 1 to 200 visible ASCII characters.'),
      );
    }
    const successStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.run(request, key, successStatus, next));
  }

  private async run(
    request: Request & AuthenticatedRequest & CommandRequest,
    key: string,
    successStatus: number,
    next: CallHandler,
  ) {
    const principal = request.principal!;
    const scope = `${principal.org}/${principal.sub}`;
    const requestHash = sha256(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`);
    const claim = await this.store.claim(scope, key, requestHash, nameBasedId(`${scope}\n${key}`));
    switch (claim.kind) {
      case 'replay':
        throw new ReplayedResponse(claim.status, claim.body);
      case 'other_request':
        throw new ProblemException(
          problem(409, 'idempotency_key_reused', 'This Idempotency-Key was already used with another request.'),
        );
      case 'in_progress':
        throw new ProblemException(
          problem(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still in progress.'),
        );
    }
    request.commandId = claim.commandId;
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const refusal = toProblem(error);
      if (refusal && refusal.status < 500) {
        await this.store.complete(scope, key, refusal.status, { ...refusal, instance: request.path });
      } else {
        await this.store.release(scope, key);
      }
      throw error;
    }
    await this.store.complete(scope, key, successStatus, body);
    return body;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
