import { ApiParam } from '@nestjs/swagger';

/** Path parameters shared by several controllers, described once. */
export const GtinParam = () =>
  ApiParam({ name: 'gtin', description: 'GTIN-14 of the product (AI 01)', example: '03400930000014' });
export const LotParam = () =>
  ApiParam({ name: 'lot', description: 'Lot number of the batch (AI 10)', example: 'L2026-001' });
export const SiteParam = () =>
  ApiParam({ name: 'organisationId', description: 'The site: an organisation id', example: 'PH-CENTRE' });
export const PrescriptionIdParam = () =>
  ApiParam({ name: 'prescriptionId', description: 'Secure prescription number', example: 'ORD-2026-000123' });
export const ShipmentIdParam = () =>
  ApiParam({
    name: 'shipmentId',
    description: "The shipment's id as its dispatch answered it: `{sender}~{YYYY-MM}~{12 hex}`",
    example: 'EXP-DEMO~2026-11~67d7f2867e36',
  });
