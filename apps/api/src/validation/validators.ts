import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { glnProblem, gtinProblem } from '#gs1';
import { isIsoDate, parisDate, pseudonymProblem } from '#domain';

/** The earliest date any field takes: the circuit's records start long after it. */
export const EARLIEST_DATE = '2000-01-01';
/** The latest expiry a field takes (a GS1 expiry date has a two-digit year). */
export const LATEST_EXPIRY = '2099-12-31';

/** Tomorrow in Paris: a day of slack for clocks and time zones. */
const latestFactDate = () => parisDate(new Date(Date.now() + 86_400_000));

/**
 * A real calendar date written `YYYY-MM-DD` of something that has happened: from 2000-01-01 to tomorrow (Paris),
 * never 9999-12-31.
 */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return boundedDate('isIsoDate', latestFactDate, 'tomorrow', options);
}

/** A real calendar date written `YYYY-MM-DD` that may lie ahead (an expiry): from 2000-01-01 to 2099-12-31. */
export function IsExpiryDate(options?: ValidationOptions): PropertyDecorator {
  return boundedDate('isExpiryDate', () => LATEST_EXPIRY, LATEST_EXPIRY, options);
}

function boundedDate(
  name: string,
  latest: () => string,
  latestLabel: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value) =>
          typeof value === 'string' && isIsoDate(value) && value >= EARLIEST_DATE && value <= latest(),
        defaultMessage: buildMessage(
          (each, args) =>
            typeof args?.value === 'string' && isIsoDate(args.value)
              ? `${each}$property must be from ${EARLIEST_DATE} to ${latestLabel}`
              : `${each}$property must be a date written YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}

/** A GTIN-14 with a valid GS1 check digit. */
export function IsGtin(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGtin',
      validator: {
        validate: (value) => typeof value === 'string' && gtinProblem(value) === undefined,
        defaultMessage: buildMessage(
          (each, args) =>
            typeof args?.value === 'string' && gtinProblem(args.value) === 'bad_check_digit'
              ? `${each}$property has a wrong check digit`
              : `${each}$property must be 14 digits (a GTIN-14)`,
          options,
        ),
      },
    },
    options,
  );
}

/** A GLN: 13 digits with a valid GS1 check digit. */
export function IsGln(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGln',
      validator: {
        validate: (value) => typeof value === 'string' && glnProblem(value) === undefined,
        defaultMessage: buildMessage(
          (each, args) =>
            typeof args?.value === 'string' && glnProblem(args.value) === 'bad_check_digit'
              ? `${each}$property has a wrong check digit`
              : `${each}$property must be 13 digits (a GLN)`,
          options,
        ),
      },
    },
    options,
  );
}

export const ORGANISATION_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const LOT = /^[\x21-\x22\x25-\x2f\x30-\x39\x3a-\x3f\x41-\x5a\x5f\x61-\x7a]{1,20}$/;

/** Valid only when the other field is absent: for bodies that take one of two forms. */
export function OnlyOneOf(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'onlyOneOf',
    validator: {
      validate: (_value, args) => (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: (args) => `give either ${args?.property} or ${other}, not both`,
    },
  });
}

/**
 * A social-security number (NIR, or the NIA of a person waiting for one) once separators are taken out: sex (1-4,
 * 7 or 8), year, month, department (2A and 2B for Corsica), commune, order and, optionally, the key.
 */
const NIR = /^[1-478]\d{4}(?:\d{2}|2[AB])\d{6}(?:\d{2})?$/i;
const LEGACY_PSEUDONYM = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * A constraint named `rule_<code>` gives its problem answer that rule instead of `validation`
 * (apps/api/src/problem/validation.ts).
 */
export const RULE_CONSTRAINT = 'rule_';

/**
 * The patient of a prescription: a pseudonym cannatrace issued (`CT-`..., checked by its check character: see
 * `HasPseudonymCheck`) or, for patients included before cannatrace issued them, the id the client chose then,
 * which the prescription's decider accepts only for a patient already included. Never a social-security number.
 */
export function IsPseudonym(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPseudonym',
      validator: {
        validate: isPatientId,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be the pseudonym cannatrace issued at inclusion (CT- and 17 characters), never a social-security number`,
          options,
        ),
      },
    },
    options,
  );
}

/** A pseudonym of the issued shape (mistyped or not), or an id a client chose before, never shaped like a NIR. */
export function isPatientId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    (pseudonymProblem(value) !== 'not_issued' ||
      (LEGACY_PSEUDONYM.test(value) && !NIR.test(value.replace(/[-_]/g, ''))))
  );
}

/** A pseudonym of the issued shape must carry its right check character: a mistyped one is refused (400). */
export function HasPseudonymCheck(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: `${RULE_CONSTRAINT}pseudonym_mistyped`,
      validator: {
        validate: (value) => typeof value !== 'string' || pseudonymProblem(value) !== 'mistyped',
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property is not a pseudonym cannatrace issued: a character is mistyped (its check character does not match); copy it again from the inclusion`,
          options,
        ),
      },
    },
    options,
  );
}

/** Refuses any value: for a field old clients send that cannatrace now sets itself (the patient's pseudonym). */
export function NotChosenByClient(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: `${RULE_CONSTRAINT}pseudonym_issued_by_cannatrace`,
      validator: {
        validate: () => false,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be left out: cannatrace issues the patient's pseudonym at inclusion and answers it (patientId in the answer)`,
          options,
        ),
      },
    },
    options,
  );
}

export const PRESCRIPTION_NUMBER = /^[A-Za-z0-9-]{4,40}$/;
