import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, type Repository } from 'typeorm';
import type { Principal } from '#auth';
import { forbid } from '#domain';
import { BatchRow, PrescriptionRow, ShipmentRow } from '#read-models';

/** Dates and instants as PostgreSQL writes them in text (`2026-03-01`, `2026-03-01 10:00:00+00`), as answered. */
type AsText<Row, Keys extends keyof Row> = Omit<Row, Keys> & {
  [K in Keys]: null extends Row[K] ? string | null : string;
};

export class ListSiteShipments {
  constructor(
    readonly site: string,
    readonly direction: 'incoming' | 'outgoing',
    readonly status: 'in_transit' | 'received' | undefined,
  ) {}
}

export class ListBatches {
  constructor(
    readonly principal: Principal,
    readonly supplierId: string | undefined,
  ) {}
}

export class ListPrescriptions {
  constructor(
    readonly principal: Principal,
    readonly filter: { pharmacyId?: string; prescriberRpps?: string },
  ) {}
}

/** A site's shipments, newest first, from the read models (a pharmacy's incoming deliveries, for instance). */
@QueryHandler(ListSiteShipments)
export class ListSiteShipmentsHandler implements IQueryHandler<ListSiteShipments> {
  private readonly shipments: Repository<ShipmentRow>;

  constructor(readModels: DataSource) {
    this.shipments = readModels.getRepository(ShipmentRow);
  }

  async execute({ site, direction, status }: ListSiteShipments) {
    const query = this.shipments
      .createQueryBuilder('s')
      .select(['s.shipment_id AS "shipmentId"', 's.from_site AS "fromSite"', 's.to_site AS "toSite"'])
      .addSelect([
        's.lines AS lines',
        's.carrier AS carrier',
        's.accepted AS accepted',
        's.discrepancies AS discrepancies',
      ])
      .addSelect(['s.dispatched_at::text AS "dispatchedAt"', 's.received_at::text AS "receivedAt"'])
      .where(direction === 'incoming' ? 's.to_site = :site' : 's.from_site = :site', { site })
      .orderBy('s.dispatched_at', 'DESC')
      .limit(500);
    if (status === 'received') query.andWhere('s.received_at IS NOT NULL');
    if (status === 'in_transit') query.andWhere('s.received_at IS NULL');
    const rows = await query.getRawMany<AsText<ShipmentRow, 'dispatchedAt' | 'receivedAt'>>();
    return rows.map((r) => ({
      shipmentId: r.shipmentId,
      from: r.fromSite,
      to: r.toSite,
      lines: r.lines,
      carrier: r.carrier,
      dispatchedAt: r.dispatchedAt,
      status: r.receivedAt ? 'received' : 'in_transit',
      receivedAt: r.receivedAt,
      accepted: r.accepted,
      discrepancies: r.discrepancies,
    }));
  }
}

/** Batches with their state, newest first: a supplier sees its own, ANSM any supplier's or all. */
@QueryHandler(ListBatches)
export class ListBatchesHandler implements IQueryHandler<ListBatches> {
  private readonly batches: Repository<BatchRow>;

  constructor(readModels: DataSource) {
    this.batches = readModels.getRepository(BatchRow);
  }

  async execute({ principal, supplierId: asked }: ListBatches) {
    if (principal.role !== 'ansm' && principal.role !== 'supplier')
      throw forbid('list_not_allowed', 'only suppliers and ANSM list batches');
    const supplierId = principal.role === 'supplier' ? principal.org : asked;
    const query = this.batches
      .createQueryBuilder('b')
      .select(['b.gtin AS gtin', 'b.lot AS lot', 'b.quantity AS quantity'])
      .addSelect(['b.manufactured_on::text AS "manufacturedOn"', 'b.expires_on::text AS "expiresOn"'])
      .addSelect(['b.supplier_id AS "supplierId"', 'b.exploitant_id AS "exploitantId"', 'b.conformant AS conformant'])
      .addSelect(['b.released AS released', 'b.on_hold AS "onHold"', 'b.recalled AS recalled'])
      .orderBy('b.registered_at', 'DESC')
      .limit(500);
    if (supplierId !== undefined) query.where('b.supplier_id = :supplierId', { supplierId });
    const rows = await query.getRawMany<Omit<BatchRow, 'registeredAt'>>();
    return rows.map((r) => ({
      gtin: r.gtin,
      lot: r.lot,
      quantity: r.quantity,
      manufacturedOn: r.manufacturedOn,
      expiresOn: r.expiresOn,
      supplierId: r.supplierId,
      exploitantId: r.exploitantId,
      conformant: r.conformant,
      released: r.released,
      onHold: r.onHold,
      recalled: r.recalled,
    }));
  }
}

/** Prescriptions, newest first: a pharmacist sees its pharmacy's, a prescriber its own, ANSM any. */
@QueryHandler(ListPrescriptions)
export class ListPrescriptionsHandler implements IQueryHandler<ListPrescriptions> {
  private readonly prescriptions: Repository<PrescriptionRow>;

  constructor(readModels: DataSource) {
    this.prescriptions = readModels.getRepository(PrescriptionRow);
  }

  async execute({ principal, filter: asked }: ListPrescriptions) {
    const filter =
      principal.role === 'pharmacist'
        ? { ...asked, pharmacyId: principal.org }
        : principal.role === 'prescriber'
          ? { ...asked, prescriberRpps: principal.sub }
          : principal.role === 'ansm'
            ? asked
            : undefined;
    if (!filter) throw forbid('list_not_allowed', 'only pharmacists, prescribers and ANSM list prescriptions');
    const query = this.prescriptions
      .createQueryBuilder('p')
      .select(['p.prescription_id AS "prescriptionId"', 'p.patient_id AS "patientId"', 'p.indication AS indication'])
      .addSelect(['p.gtin AS gtin', 'p.quantity AS quantity', 'p.duration_days AS "durationDays"'])
      .addSelect(['p.pharmacy_id AS "pharmacyId"', 'p.prescriber_rpps AS "prescriberRpps"'])
      .addSelect([
        'p.issued_on::text AS "issuedOn"',
        'p.status AS status',
        'p.dispensed_quantity AS "dispensedQuantity"',
      ])
      .orderBy('p.issued_on', 'DESC')
      .addOrderBy('p.prescription_id')
      .limit(500);
    if (filter.pharmacyId !== undefined)
      query.andWhere('p.pharmacy_id = :pharmacyId', { pharmacyId: filter.pharmacyId });
    if (filter.prescriberRpps !== undefined)
      query.andWhere('p.prescriber_rpps = :prescriberRpps', { prescriberRpps: filter.prescriberRpps });
    const rows = await query.getRawMany<PrescriptionRow>();
    return rows.map((r) => ({
      prescriptionId: r.prescriptionId,
      patientId: r.patientId,
      indication: r.indication,
      gtin: r.gtin,
      quantity: r.quantity,
      durationDays: r.durationDays,
      pharmacyId: r.pharmacyId,
      prescriberRpps: r.prescriberRpps,
      issuedOn: r.issuedOn,
      status: r.status,
      dispensedQuantity: r.dispensedQuantity,
    }));
  }
}
