import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound, organisationDecider, organisationStream, professionalDecider, professionalStream } from '#domain';
import { Streams } from '../shared/streams/streams.js';

export class GetOrganisation {
  constructor(readonly id: string) {}
}

export class GetProfessional {
  constructor(readonly rpps: string) {}
}

@QueryHandler(GetOrganisation)
export class GetOrganisationHandler implements IQueryHandler<GetOrganisation> {
  constructor(private readonly streams: Streams) {}

  async execute({ id }: GetOrganisation) {
    const { status, ...organisation } = await this.streams.state(organisationStream(id), organisationDecider);
    if (status !== 'registered') throw notFound('organisation_unknown', `no organisation ${id}`);
    return organisation;
  }
}

@QueryHandler(GetProfessional)
export class GetProfessionalHandler implements IQueryHandler<GetProfessional> {
  constructor(private readonly streams: Streams) {}

  async execute({ rpps }: GetProfessional) {
    const { status, ...professional } = await this.streams.state(professionalStream(rpps), professionalDecider);
    if (status !== 'registered') throw notFound('professional_unknown', `no professional with RPPS ${rpps}`);
    return professional;
  }
}
