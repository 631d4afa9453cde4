import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { Principal } from '#auth';
import type { AuthenticatedRequest } from '../../auth/access.decorators.js';
import type { DatedRequest } from '../../clock/clock.js';

/** Who sends a command, when, and under which ids: what every event's metadata records. */
export interface CommandContext {
  principal: Principal;
  commandId: string;
  /** The command id comes from the client's Idempotency-Key: a retry may find the events it already wrote. */
  retried?: boolean;
  correlationId: string;
  /** The event that caused this command, when a process (not a person) sends it. */
  causationId?: string;
  now: Date;
}

/** Set by the idempotency interceptor: a retried request keeps its command id. */
export interface CommandRequest {
  commandId?: string;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The context of the command a request sends: `@CommandMetadata() context: CommandContext` in a controller. */
export const CommandMetadata = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest & CommandRequest & DatedRequest>();
  const commandId = request.commandId ?? randomUUID();
  const header = request.headers['x-correlation-id'];
  return {
    principal: request.principal as Principal,
    commandId,
    ...(request.commandId ? { retried: true } : {}),
    correlationId: typeof header === 'string' && CORRELATION_ID.test(header) ? header : commandId,
    now: request.receivedAt ?? new Date(),
  };
});
