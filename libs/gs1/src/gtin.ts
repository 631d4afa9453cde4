/** GS1 mod-10 check digit of the digits before it (weights 3 and 1 from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export type GtinProblem = 'not_14_digits' | 'bad_check_digit';

/** Why a GTIN-14 is invalid, or undefined when it is valid. */
export function gtinProblem(gtin: string): GtinProblem | undefined {
  if (!/^\d{14}$/.test(gtin)) return 'not_14_digits';
  if (gs1CheckDigit(gtin.slice(0, 13)) !== Number(gtin[13])) return 'bad_check_digit';
  return undefined;
}
