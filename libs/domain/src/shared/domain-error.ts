/**
 * A command refused by the rules. `kind` says how the API answers: a broken rule (422), an actor who may not do
 * this (403), something that does not exist (404), or a duplicate (409). `rule` is a stable code clients can test.
 */
export type DomainErrorKind = 'rule' | 'forbidden' | 'not_found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const refuse = (rule: string, message: string) => new DomainError('rule', rule, message);
export const forbid = (rule: string, message: string) => new DomainError('forbidden', rule, message);
export const notFound = (rule: string, message: string) => new DomainError('not_found', rule, message);
export const duplicate = (rule: string, message: string) => new DomainError('conflict', rule, message);
