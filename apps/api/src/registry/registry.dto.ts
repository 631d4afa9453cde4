import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import {
  ORGANISATION_KINDS,
  PROFESSIONAL_KINDS,
  REGION_CODES,
  type OrganisationKind,
  type ProfessionalKind,
  type Region,
} from '#domain';
import { IsGln, IsIsoDate, ORGANISATION_ID } from '../validation/validators.js';

export class RegisterOrganisationDto {
  @ApiProperty({
    description: 'Organisation id: 1 to 64 letters, digits, dots, underscores or hyphens',
    example: 'PH-PARIS-1',
    pattern: ORGANISATION_ID.source,
  })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'id must be 1 to 64 letters, digits, dots, underscores or hyphens' })
  id!: string;

  @ApiProperty({ description: 'What the organisation is', example: 'community_pharmacy', enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ description: 'Name of the organisation', example: 'Pharmacie du Centre' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2 country code' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as FR' })
  country!: string;

  @ApiPropertyOptional({
    example: '3012345000000',
    description: 'GS1 Global Location Number of the site: 13 digits, GS1 check digit',
  })
  @IsOptional()
  @IsGln()
  gln?: string;

  @ApiPropertyOptional({
    example: '11',
    enum: REGION_CODES,
    description: "INSEE code of the site's French region (organisations in France): routes its vigilance reports",
  })
  @IsOptional()
  @IsIn(REGION_CODES, { message: 'region must be the INSEE code of a French region, such as 11 or 84' })
  region?: Region;
}

export class RegisterProfessionalDto {
  @ApiProperty({ example: '10001234567', description: '11-digit RPPS number' })
  @IsString()
  @Matches(/^\d{11}$/, { message: 'rpps must be 11 digits' })
  rpps!: string;

  @ApiProperty({ description: 'Prescriber or pharmacist', example: 'prescriber', enum: PROFESSIONAL_KINDS })
  @IsIn(PROFESSIONAL_KINDS)
  kind!: ProfessionalKind;

  @ApiProperty({
    example: 'Dr Marie Curie',
    description: 'Name of the professional (not a patient: professionals are public)',
  })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'The organisation they work for', example: 'CHU-LYON' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @ApiPropertyOptional({
    example: '2026-01-15',
    nullable: true,
    description: 'Date of the training attestation; null or absent: not trained',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIsoDate()
  trainedOn?: string | null;
}
