import { Gs1ParseError, parsePackCode } from '#gs1';
import { problem, ProblemException } from '../problem/problem.js';

/** The pack a dispensation names: read from its DataMatrix, or given as gtin and lot. */
export function packOf(body: { scan?: string; gtin?: string; lot?: string }): {
  gtin: string;
  lot: string;
  serial: string | null;
  scannedExpiry?: string;
} {
  if (body.scan === undefined) return { gtin: body.gtin as string, lot: body.lot as string, serial: null };
  try {
    const code = parsePackCode(body.scan);
    if (code.lot === undefined) throw new Gs1ParseError('truncated', 'the scan has no (10) lot', 0);
    return {
      gtin: code.gtin,
      lot: code.lot,
      serial: code.serial ?? null,
      ...(code.expiry === undefined ? {} : { scannedExpiry: code.expiry }),
    };
  } catch (error) {
    if (!(error instanceof Gs1ParseError)) throw error;
    throw new ProblemException(
      problem(400, 'unreadable_scan', `The scan is not a readable pack code: ${error.message}. Scan the pack again.`, {
        errors: [{ field: 'scan', message: error.message }],
      }),
    );
  }
}
