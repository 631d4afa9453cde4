import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ReadScanDto {
  @ApiProperty({
    example: 'https://id.gs1.org/01/03400930000014/10/DEMO-A/21/SN0001?17=311231',
    description: 'What the scanner sent: a DataMatrix element string (GS as \\u001d) or a GS1 Digital Link URI',
  })
  @IsString()
  @MaxLength(200)
  scan!: string;
}
