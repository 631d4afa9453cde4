import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class MassBalanceListQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    example: 'true',
    description: 'true: only the batches out of balance; false or absent: every batch with a balance',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  imbalanced?: 'true' | 'false';
}
