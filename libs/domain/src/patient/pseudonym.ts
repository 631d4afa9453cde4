/**
 * Patient pseudonyms issued by cannatrace: `CT-` then 16 characters of Crockford's base32 (80 bits drawn from the
 * inclusion command's id) and one check character (Luhn mod 32), e.g. `CT-7AFG3H3YAQ90HCBC1`. The client never
 * chooses one: a name, a birth date or a social-security number can therefore never become a pseudonym. The check
 * character catches every single wrong character, and every swap of two adjacent characters but one: `0` and `Z`
 * (the first and last of the alphabet) swapped keep the same Luhn mod 32 sum, so that swap goes unnoticed.
 */
export const PSEUDONYM_PREFIX = 'CT-';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length;
const BODY_LENGTH = 16;
/** 80 bits: 16 characters of 5 bits. */
const BODY_BYTES = (BODY_LENGTH * 5) / 8;

/** Anything of the issued shape, correct or not: `CT-` and 17 letters or digits, in any case. */
const ISSUED_SHAPE = /^CT-[0-9A-Z]{17}$/i;

/** Luhn mod N over the body: the character that makes the whole sum a multiple of N. */
function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(body[i]);
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(N - (sum % N)) % N];
}

/** The pseudonym of 10 bytes (80 bits, at least): the caller draws them from the command id. */
export function pseudonymOf(bytes: Uint8Array): string {
  if (bytes.length < BODY_BYTES) throw new Error(`a pseudonym needs ${BODY_BYTES} bytes`);
  let bits = 0;
  let value = 0;
  let body = '';
  for (const byte of bytes.subarray(0, BODY_BYTES)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      body += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return `${PSEUDONYM_PREFIX}${body}${checkCharacter(body)}`;
}

/**
 * What is wrong with a patient id, if anything:
 * - `mistyped`: of the issued shape, but a character is not Crockford base32 (capitals, no I, L, O or U) or the
 *   check character does not match;
 * - `not_issued`: not of the issued shape: a client-chosen id of before cannatrace issued them (still readable,
 *   and still accepted where the patient is already in the store);
 * - undefined: a pseudonym cannatrace issued.
 */
export function pseudonymProblem(id: string): 'mistyped' | 'not_issued' | undefined {
  if (!ISSUED_SHAPE.test(id)) return 'not_issued';
  const body = id.slice(PSEUDONYM_PREFIX.length, -1);
  if (![...body].every((c) => ALPHABET.includes(c))) return 'mistyped';
  return checkCharacter(body) === id.at(-1) ? undefined : 'mistyped';
}

export const isIssuedPseudonym = (id: string) => pseudonymProblem(id) === undefined;
