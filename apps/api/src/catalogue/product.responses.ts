import { ApiProperty } from '@nestjs/swagger';
import { CONTENT_UNITS, FORMS, RATIOS, type ContentUnit, type Form, type Ratio } from '#domain';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';
import { ContaminantLimitsDto, DeclaredContentDto } from './product.dto.js';

export class ProductAnswerResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  gtin!: string;
}

/** A product of the catalogue with its specification. */
export class ProductResponse {
  @ApiProperty({ description: 'GTIN-14 of the product', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Name of the product', example: 'Sommités fleuries THC 20 %' })
  name!: string;

  @ApiProperty({ description: 'The supplier that makes it', example: 'SUP-DEMO' })
  supplierId!: string;

  @ApiProperty({ description: 'The exploitant that distributes it in France', example: 'EXP-DEMO' })
  exploitantId!: string;

  @ApiProperty({ enum: FORMS, description: 'Pharmaceutical form', example: 'dried_flower' })
  form!: Form;

  @ApiProperty({ enum: RATIOS, description: 'THC/CBD balance', example: 'THC_DOMINANT' })
  ratio!: Ratio;

  @ApiProperty({ type: DeclaredContentDto, description: 'Declared THC and CBD content' })
  declared!: DeclaredContentDto;

  @ApiProperty({ enum: CONTENT_UNITS, description: 'Unit of the declared content', example: 'percent' })
  contentUnit!: ContentUnit;

  @ApiProperty({ description: 'Accepted deviation of measured from declared content, in %', example: 10 })
  tolerancePercent!: number;

  @ApiProperty({ type: ContaminantLimitsDto, description: 'Upper limit of each contaminant an analysis is held to' })
  limits!: ContaminantLimitsDto;

  @ApiProperty({ description: 'Narcotic (stupéfiant): its packs are kept in the narcotics register', example: true })
  narcotic!: boolean;
}
