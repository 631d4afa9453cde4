import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-03-01T12:00:00+01:00', description: 'Instant with offset; default now' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'asOf must be an ISO 8601 instant with an offset',
  })
  asOf?: string;
}
