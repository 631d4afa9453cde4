import { ApiProperty } from '@nestjs/swagger';

/** Where one site stands in a batch's recall. */
export class SiteRecallProgressResponse {
  @ApiProperty({ description: 'The site: an organisation id', example: 'PH-CENTRE' })
  organisationId!: string;

  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Packs the site held when notified; null when it was not notified (its packs arrived after the recall)',
    example: 12,
  })
  notified!: number | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the site acknowledged the notice (its packs then became unusable there); null until then',
    example: '2026-11-25T10:40:00.000Z',
  })
  acknowledgedAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Packs counted into quarantine; null until counted',
    example: 12,
  })
  quarantined!: number | null;

  @ApiProperty({ description: 'Packs sent back in returns since the recall', example: 12 })
  returned!: number;

  @ApiProperty({
    description: 'Of those, packs of returns not yet received by the site they were sent to',
    example: 0,
  })
  returnsInTransit!: number;

  @ApiProperty({
    description: 'Packs of ordinary (not return) shipments dispatched to the site and not yet received by it',
    example: 0,
  })
  incoming!: number;

  @ApiProperty({ description: 'Packs destroyed since the recall', example: 0 })
  destroyed!: number;

  @ApiProperty({ description: 'Packs the site holds now', example: 0 })
  onHand!: number;

  @ApiProperty({
    description:
      'Acknowledged, and nothing left: no pack held (the batch’s supplier, where returns end, may hold them), none on its way back, none on its way to it',
    example: true,
  })
  complete!: boolean;
}

/** A recall's progress, site by site (folded from the event store: exact whatever the read models' lag). */
export class RecallProgressResponse {
  @ApiProperty({ description: 'GTIN-14 of the batch', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the batch', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'The batch is recalled', example: true })
  recalled!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the recall happened; null when the batch is not recalled',
    example: '2026-11-25T10:35:01.463Z',
  })
  recalledAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it was recalled; null when it is not recalled',
    example: 'contamination',
  })
  reason!: string | null;

  @ApiProperty({
    type: [SiteRecallProgressResponse],
    description: 'Every site notified, holding packs or having acknowledged (ANSM); any other caller only its own line',
  })
  sites!: SiteRecallProgressResponse[];

  @ApiProperty({ description: 'Recalled, and every site notified or holding packs is complete', example: false })
  complete!: boolean;
}
