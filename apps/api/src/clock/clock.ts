import type { Request } from 'express';

/** Injection token of the clock that dates commands and says which day "today" is. */
export const CLOCK = Symbol('CLOCK');

/** The current instant. Production reads the system clock; tests pin the day so no run depends on the date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Set on every request when it arrives: the instant its command, if any, is dated by. */
export interface DatedRequest extends Request {
  receivedAt?: Date;
}
