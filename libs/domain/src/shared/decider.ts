/** A consistency boundary's rules as plain functions: no I/O, no framework (the Emmett pattern). */
export interface Decider<Command, Event, State> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  /** The events the command produces, or a DomainError thrown when a rule refuses it. */
  decide: (command: Command, state: State) => Event[];
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
