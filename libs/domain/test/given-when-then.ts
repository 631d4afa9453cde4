import { expect } from '@jest/globals';
import { DomainError, fold, type Decider, type DomainErrorKind } from '#domain';

/** Given past events, when a command is decided, then these events — or this refusal. */
export function specification<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (given: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, fold(decider, given));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenRefused: (kind: DomainErrorKind, rule: string) => {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect(error).toMatchObject({ kind, rule });
        },
      };
    },
  });
}
