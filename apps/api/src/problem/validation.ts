import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RULE_CONSTRAINT } from '../validation/validators.js';
import { problem, ProblemException } from './problem.js';

interface FieldError {
  field: string;
  message: string;
  constraint: string;
}

/** Every field problem of a request, with dotted paths into nested objects. */
function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message,
      constraint,
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** The rule of the answer: a constraint's own (`rule_<code>`) when every problem is that one, else `validation`. */
function ruleOf(list: FieldError[]): string {
  const [first] = list;
  const own = first?.constraint.startsWith(RULE_CONSTRAINT) ? first.constraint : undefined;
  return own && list.every((e) => e.constraint === own) ? own.slice(RULE_CONSTRAINT.length) : 'validation';
}

/** Strict validation: unknown fields are refused, types are never coerced, every problem is listed. */
export function strictValidation(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = fieldErrors(errors);
      const rule = ruleOf(list);
      return new ProblemException(
        problem(400, rule, list.map((e) => `${e.field}: ${e.message}`).join('; ') || 'The body is not valid.', {
          ...(rule === 'validation' ? {} : { rule }),
          errors: list.map(({ field, message }) => ({ field, message })),
        }),
      );
    },
  });
}
