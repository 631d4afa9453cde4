import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { activePatients, capOf, INDICATIONS, indicationDecider, indicationStream } from '#domain';
import { Streams } from '../shared/streams/streams.js';

export class ListIndications {}

@QueryHandler(ListIndications)
export class ListIndicationsHandler implements IQueryHandler<ListIndications> {
  constructor(private readonly streams: Streams) {}

  async execute() {
    return Promise.all(
      INDICATIONS.map(async (indication) => {
        const state = await this.streams.state(indicationStream(indication), indicationDecider);
        return {
          indication,
          cap: capOf(indication, state),
          included: state.patients.size,
          active: activePatients(state),
          stopped: state.stopped.size,
        };
      }),
    );
  }
}
