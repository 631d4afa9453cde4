/**
 * The database did not answer, or answered too late: the server is gone or refusing, not the statement wrong.
 * Safe to retry. The event store reports it as EventStoreUnavailableError; the api answers 503 for either.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Error codes (SQLSTATE classes) that mean the server is gone or refusing, not that the query is wrong. */
const UNAVAILABLE_CODES = /^(08|53|57P0[1-3])/;
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (typeof e?.code === 'string' && (UNAVAILABLE_CODES.test(e.code) || NETWORK_ERRORS.has(e.code))) return true;
  return /Connection terminated|connection timeout|timeout exceeded|Query read timeout|Client has encountered a connection error/i.test(
    e?.message ?? '',
  );
}

/** Connection problems become DatabaseUnavailableError; everything else passes through unchanged. */
export async function unavailableOnDisconnect<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConnectionError(error)) {
      throw new DatabaseUnavailableError(`PostgreSQL unavailable: ${(error as Error).message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * The database is out of reach, whoever reports it: this library's clients, or a driver's error as another
 * library (TypeORM) wraps it (`driverError`) or passes it on (a pool that could not connect).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  return isConnectionError(error) || isConnectionError((error as { driverError?: unknown } | undefined)?.driverError);
}
