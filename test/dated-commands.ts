import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../apps/api/src/shared/streams/command-context.js';
import type { Role } from '#auth';

/** A command's context at a given instant, for tests that must not depend on the day they run. */
export function at(instant: string, role: Role, org: string, sub = `${role}-user`): CommandContext {
  const commandId = randomUUID();
  return { principal: { sub, role, org }, commandId, correlationId: commandId, now: new Date(instant) };
}

/** The rule that refused a command, or `accepted`. */
export async function refusal(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return (error as { rule?: string }).rule;
  }
  return 'accepted';
}
