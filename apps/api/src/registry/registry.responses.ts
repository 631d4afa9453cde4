import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ORGANISATION_KINDS,
  PROFESSIONAL_KINDS,
  REGION_CODES,
  type OrganisationKind,
  type ProfessionalKind,
  type Region,
} from '#domain';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class OrganisationRegisteredResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'The organisation authorised', example: 'PH-CENTRE' })
  organisationId!: string;
}

export class ProfessionalRegisteredResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'RPPS number of the professional registered', example: '10000000002' })
  rpps!: string;
}

export class OrganisationResponse {
  @ApiProperty({ description: 'Organisation id', example: 'PH-CENTRE' })
  id!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, description: 'What the organisation is', example: 'community_pharmacy' })
  kind!: OrganisationKind;

  @ApiProperty({ description: 'Name of the organisation', example: 'Pharmacie du Centre' })
  name!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code', example: 'FR' })
  country!: string;

  @ApiPropertyOptional({
    description: 'GS1 Global Location Number of the site, where it has one',
    example: '3012345000000',
  })
  gln?: string;

  @ApiPropertyOptional({ enum: REGION_CODES, description: "INSEE code of the site's French region", example: '11' })
  region?: Region;
}

export class ProfessionalResponse {
  @ApiProperty({ description: '11-digit RPPS number', example: '10000000002' })
  rpps!: string;

  @ApiProperty({ enum: PROFESSIONAL_KINDS, description: 'Prescriber or pharmacist', example: 'pharmacist' })
  kind!: ProfessionalKind;

  @ApiProperty({ description: 'Name of the professional', example: 'Sophie Bernard' })
  name!: string;

  @ApiProperty({ description: 'The organisation they work for', example: 'PH-CENTRE' })
  organisationId!: string;

  @ApiProperty({
    nullable: true,
    description: 'Date of their training attestation; null: not trained',
    example: '2026-01-05',
  })
  trainedOn!: string | null;

  @ApiProperty({ description: 'They work for a reference centre (may include patients)', example: false })
  referenceCentre!: boolean;
}
