import { gs1CheckDigit } from './gtin.js';

export type GlnProblem = 'not_13_digits' | 'bad_check_digit';

/** Why a GLN (Global Location Number) is invalid, or undefined when it is valid. */
export function glnProblem(gln: string): GlnProblem | undefined {
  if (!/^\d{13}$/.test(gln)) return 'not_13_digits';
  if (gs1CheckDigit(gln.slice(0, 12)) !== Number(gln[12])) return 'bad_check_digit';
  return undefined;
}
