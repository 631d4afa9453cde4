import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ReadScanDto {
  @ApiProperty({
    description: 'What the scanner sent: a DataMatrix element string (GS as \\u001d) or a GS1 Digital Link URI',
  })
  @IsString()
  @MaxLength(200)
  scan!: string;
}
