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
  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(1)
  seq!: number;

  @ApiProperty({ example: '1234/5678', description: 'Position of the last event sealed, in the global order' })
  @IsString()
  @Matches(/^\d{1,20}\/\d{1,20}$/, { message: 'upTo must be a position {n}/{m}' })
  upTo!: string;

  @ApiProperty({ example: 12873 })
  @IsInt()
  @Min(1)
  eventCount!: number;

  @ApiProperty({ example: 4210 })
  @IsInt()
  @Min(0)
  streamCount!: number;

  @ApiProperty({ description: 'Running SHA-256 of the global order up to upTo' })
  @Matches(SHA256_HEX, { message: 'storeHead must be a SHA-256 in hex' })
  storeHead!: string;

  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((_, value) => value !== null)
  @Matches(SHA256_HEX, { message: 'prevHash must be null or a SHA-256 in hex' })
  prevHash!: string | null;

  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' })
  @IsISO8601({ strict: true })
  sealedAt!: string;

  @ApiProperty()
  @Matches(SHA256_HEX, { message: 'hash must be a SHA-256 in hex' })
  hash!: string;
}

/** A digest downloaded from `GET /v1/audit/digest`, given back to verify the store against it. */
export class StoreDigestDto {
  @ApiProperty({ example: DIGEST_FORMAT })
  @Equals(DIGEST_FORMAT)
  format!: typeof DIGEST_FORMAT;

  @ApiProperty({ type: SealedCheckpointDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SealedCheckpointDto)
  checkpoint!: SealedCheckpointDto;

  @ApiProperty()
  @IsISO8601({ strict: true })
  issuedAt!: string;

  @ApiProperty({ description: 'Ed25519 public key, SPKI DER in base64' })
  @IsBase64()
  @MaxLength(200)
  publicKey!: string;

  @ApiProperty({ description: 'SHA-256 of the public key, hex' })
  @Matches(SHA256_HEX, { message: 'keyId must be a SHA-256 in hex' })
  keyId!: string;

  @ApiProperty({ description: 'Ed25519 signature, base64' })
  @IsBase64()
  @MaxLength(200)
  signature!: string;
}
