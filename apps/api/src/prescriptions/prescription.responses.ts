import { ApiProperty } from '@nestjs/swagger';
import { INDICATIONS, type Indication } from '#domain';
import { CommandAnswerResponse } from '../openapi/command-answer.response.js';

export class PrescriptionAnswerResponse extends CommandAnswerResponse {
  @ApiProperty({ description: 'The prescription: its secure prescription number', example: 'ORD-2026-000123' })
  prescriptionId!: string;
}

/** A prescription as lists show it (read models). */
export class PrescriptionSummaryResponse {
  @ApiProperty({ description: 'Secure prescription number', example: 'ORD-2026-000123' })
  prescriptionId!: string;

  @ApiProperty({ description: 'Pseudonym of the patient', example: 'PSN-7F3A9C21' })
  patientId!: string;

  @ApiProperty({ enum: INDICATIONS, description: 'The indication treated', example: 'NEUROPATHIC_PAIN' })
  indication!: Indication;

  @ApiProperty({ description: 'GTIN-14 of the product prescribed', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Packs for the whole duration', example: 4 })
  quantity!: number;

  @ApiProperty({ description: 'Days of treatment (1 to 28)', example: 28 })
  durationDays!: number;

  @ApiProperty({ description: 'The pharmacy that dispenses it', example: 'PH-CENTRE' })
  pharmacyId!: string;

  @ApiProperty({ description: 'RPPS number of the prescriber', example: '10000000001' })
  prescriberRpps!: string;

  @ApiProperty({ description: 'Date of issue', example: '2026-03-01' })
  issuedOn!: string;

  @ApiProperty({
    enum: ['issued', 'cancelled'],
    description: 'Issued, or cancelled by its prescriber',
    example: 'issued',
  })
  status!: 'issued' | 'cancelled';

  @ApiProperty({ description: 'Packs dispensed so far', example: 1 })
  dispensedQuantity!: number;
}

export class DispensationOfPrescriptionResponse {
  @ApiProperty({ description: 'Id of the dispensation', example: '2f1d3c4b-5a69-5788-9a0b-1c2d3e4f5a6b' })
  dispensationId!: string;

  @ApiProperty({ description: 'GTIN-14 of the pack', example: '03400930000014' })
  gtin!: string;

  @ApiProperty({ description: 'Lot of the pack', example: 'L2026-001' })
  lot!: string;

  @ApiProperty({ description: 'Packs dispensed', example: 1 })
  quantity!: number;

  @ApiProperty({ nullable: true, description: 'Serial number of the pack, when scanned', example: 'SN0001' })
  serial!: string | null;

  @ApiProperty({ description: 'Date of the dispensation, in France', example: '2026-03-02' })
  dispensedOn!: string;

  @ApiProperty({ description: 'Instant of the dispensation', example: '2026-03-02T10:15:00.000Z' })
  dispensedAt!: string;

  @ApiProperty({ description: 'RPPS number of the pharmacist', example: '10000000002' })
  pharmacistRpps!: string;
}

/** A prescription with its dispensations and the packs that remain. */
export class PrescriptionResponse extends PrescriptionSummaryResponse {
  @ApiProperty({ description: 'Number of the secure prescription form', example: 'ORD-2026-000123' })
  securePrescriptionNumber!: string;

  @ApiProperty({ description: "Amount of product a day, in the product's content unit", example: 0.5 })
  dailyDose!: number;

  @ApiProperty({ nullable: true, description: 'The prescription this one renews', example: null })
  renewalOf!: string | null;

  @ApiProperty({ type: [DispensationOfPrescriptionResponse], description: 'Its dispensations, oldest first' })
  dispensations!: DispensationOfPrescriptionResponse[];

  @ApiProperty({
    description: 'Packs that may still be dispensed today: none once cancelled or its days are over',
    example: 3,
  })
  remainingQuantity!: number;
}
