import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem, ProblemException } from './problem.js';

/** Every field problem of a request, with dotted paths into nested objects. */
function fieldErrors(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
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
      return new ProblemException(
        problem(400, 'validation', list.map((e) => `${e.field}: ${e.message}`).join('; ') || 'The body is not valid.', {
          errors: list,
        }),
      );
    },
  });
}
