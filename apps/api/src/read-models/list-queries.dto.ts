import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ORGANISATION_ID } from '../validation/validators.js';

export class BatchListQueryDto {
  @ApiPropertyOptional({ description: 'Only the batches of this supplier (ANSM); a supplier always sees its own' })
  @IsOptional()
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'supplierId must be an organisation id' })
  supplierId?: string;
}

export class PrescriptionListQueryDto {
  @ApiPropertyOptional({ description: 'Only this pharmacy’s (ANSM); a pharmacist always sees its pharmacy’s' })
  @IsOptional()
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'pharmacyId must be an organisation id' })
  pharmacyId?: string;

  @ApiPropertyOptional({ description: 'Only this prescriber’s (ANSM); a prescriber always sees its own' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{11}$/, { message: 'prescriberRpps must be 11 digits' })
  prescriberRpps?: string;
}
