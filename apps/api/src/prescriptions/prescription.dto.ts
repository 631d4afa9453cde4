import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { INDICATIONS, type Indication } from '#domain';
import {
  HasPseudonymCheck,
  IsGtin,
  IsIsoDate,
  IsPseudonym,
  ORGANISATION_ID,
  PRESCRIPTION_NUMBER,
} from '../validation/validators.js';

export class IssuePrescriptionDto {
  @ApiProperty({
    example: 'ORD-2026-000123',
    description: 'Number of the secure prescription form; also the prescription id',
  })
  @IsString()
  @Matches(PRESCRIPTION_NUMBER, { message: 'securePrescriptionNumber must be 4 to 40 letters, digits or -' })
  securePrescriptionNumber!: string;

  @ApiProperty({
    example: 'CT-7AFG3H3YAQ90HCBC1',
    description:
      'The pseudonym cannatrace issued at inclusion (a mistyped one is refused: 400, rule `pseudonym_mistyped`); an id chosen by the client before cannatrace issued pseudonyms is still accepted for a patient it included',
  })
  @IsPseudonym()
  @HasPseudonymCheck()
  patientId!: string;

  @ApiProperty({ description: 'The indication treated', example: 'NEUROPATHIC_PAIN', enum: INDICATIONS })
  @IsIn(INDICATIONS)
  indication!: Indication;

  @ApiProperty({ description: 'GTIN-14 of the product prescribed', example: '03400930000014' })
  @IsGtin()
  gtin!: string;

  @ApiProperty({ example: 0.5, description: "Amount of product a day, in the product's content unit" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(100_000)
  dailyDose!: number;

  @ApiProperty({ example: 28, description: '1 to 28 days (a longer one is refused, 422)' })
  @IsInt()
  @Min(1)
  @Max(366)
  durationDays!: number;

  @ApiProperty({ example: 4, description: 'Packs for the whole duration' })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;

  @ApiProperty({ example: 'PH-1', description: 'The pharmacy the patient chose: every dispensation happens there' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'pharmacyId must be an organisation id' })
  pharmacyId!: string;

  @ApiProperty({ description: 'Date of issue', example: '2026-03-01' })
  @IsIsoDate()
  issuedOn!: string;

  @ApiPropertyOptional({ example: 'ORD-2026-000100', description: 'The prescription this one renews' })
  @IsOptional()
  @IsString()
  @Matches(PRESCRIPTION_NUMBER, { message: 'renewalOf must be a prescription id' })
  renewalOf?: string;
}

export class CancelPrescriptionDto {
  @ApiProperty({ description: 'Why it is cancelled', example: 'Treatment changed' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
