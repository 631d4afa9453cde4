import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class QuarantineDto {
  @ApiProperty({ example: 9, description: 'Packs of the batch counted into quarantine: the register’s count' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  quantity!: number;
}
