import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsBase64,
  IsISO8601,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DIGEST_FORMAT } from '#event-store';

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-03-01T12:00:00+01:00', description: 'Instant with offset; default now' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'asOf must be an ISO 8601 instant with an offset',
  })
  asOf?: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A sealed checkpoint as a digest carries it (libs/event-store/src/sealing). */
export class SealedCheckpointDto {
  @ApiProperty({ example: 42, description: 'Number of the checkpoint: 1 for the first sealed, then one more each' })
  @IsInt()
  @Min(1)
  seq!: number;

  @ApiProperty({ example: '1234/5678', description: 'Position of the last event sealed, in the global order' })
  @IsString()
  @Matches(/^\d{1,20}\/\d{1,20}$/, { message: 'upTo must be a position {n}/{m}' })
  upTo!: string;

  @ApiProperty({ example: 12873, description: 'Events sealed: every event of the global order up to upTo' })
  @IsInt()
  @Min(1)
  eventCount!: number;

  @ApiProperty({ example: 4210, description: 'Streams those events belong to' })
  @IsInt()
  @Min(0)
  streamCount!: number;

  @ApiProperty({
    description: 'Running SHA-256 of the global order up to upTo',
    example: '9f2c4e1a7b3d5f60c8e2a4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5',
  })
  @Matches(SHA256_HEX, { message: 'storeHead must be a SHA-256 in hex' })
  storeHead!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The previous checkpoint's hash; null for the first",
    example: '4b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d',
  })
  @ValidateIf((_, value) => value !== null)
  @Matches(SHA256_HEX, { message: 'prevHash must be null or a SHA-256 in hex' })
  prevHash!: string | null;

  @ApiProperty({ example: '2026-11-25T10:00:00.000Z', description: 'When the checkpoint was sealed' })
  @IsISO8601({ strict: true })
  sealedAt!: string;

  @ApiProperty({
    description: 'SHA-256 of every other field of the checkpoint, hex',
    example: 'c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d34b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a',
  })
  @Matches(SHA256_HEX, { message: 'hash must be a SHA-256 in hex' })
  hash!: string;
}

/** A digest downloaded from `GET /v1/audit/digest`, given back to verify the store against it. */
export class StoreDigestDto {
  @ApiProperty({ example: DIGEST_FORMAT, description: 'The format of the digest: always this value' })
  @Equals(DIGEST_FORMAT)
  format!: typeof DIGEST_FORMAT;

  @ApiProperty({ type: SealedCheckpointDto, description: 'The sealed checkpoint the digest certifies' })
  @IsObject()
  @ValidateNested()
  @Type(() => SealedCheckpointDto)
  checkpoint!: SealedCheckpointDto;

  @ApiProperty({ description: 'When the digest was signed', example: '2026-11-25T10:00:01.000Z' })
  @IsISO8601({ strict: true })
  issuedAt!: string;

  @ApiProperty({
    description: 'Ed25519 public key, SPKI DER in base64',
    example: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=',
  })
  @IsBase64()
  @MaxLength(200)
  publicKey!: string;

  @ApiProperty({
    description: 'SHA-256 of the public key, hex',
    example: 'e7b9d1f3a5c7e9b1d34b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9ac3e5b7d9f1a3c5',
  })
  @Matches(SHA256_HEX, { message: 'keyId must be a SHA-256 in hex' })
  keyId!: string;

  @ApiProperty({
    description: 'Ed25519 signature over the canonical JSON of every other field, base64',
    example: 'dzh2whVnHFhnSsB0MMNI7wzHPzyg94G0w+0DE+Eu/3ynTM2Kn3HVvn3Q4JLJHzQhcH0V23qoiSAj2JjuFYrUGA==',
  })
  @IsBase64()
  @MaxLength(200)
  signature!: string;
}
