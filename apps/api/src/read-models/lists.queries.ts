import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '#auth';
import { forbid } from '#domain';
import type { SqlClient } from '#sql';
import { SQL_CLIENT } from '../database/database.module.js';

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
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ site, direction, status }: ListSiteShipments) {
    const column = direction === 'incoming' ? 'to_site' : 'from_site';
    const received =
      status === undefined ? '' : status === 'received' ? 'AND received_at IS NOT NULL' : 'AND received_at IS NULL';
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT shipment_id, from_site, to_site, lines, carrier, dispatched_at::text AS dispatched_at, received_at::text AS received_at,
              accepted, discrepancies
       FROM rm_shipments WHERE ${column} = $1 ${received} ORDER BY dispatched_at DESC LIMIT 500`,
      [site],
    );
    return rows.map((r) => ({
      shipmentId: r.shipment_id,
      from: r.from_site,
      to: r.to_site,
      lines: r.lines,
      carrier: r.carrier,
      dispatchedAt: r.dispatched_at,
      status: r.received_at ? 'received' : 'in_transit',
      receivedAt: r.received_at,
      accepted: r.accepted,
      discrepancies: r.discrepancies,
    }));
  }
}

/** Batches with their state, newest first: a supplier sees its own, ANSM any supplier's or all. */
@QueryHandler(ListBatches)
export class ListBatchesHandler implements IQueryHandler<ListBatches> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ principal, supplierId: asked }: ListBatches) {
    if (principal.role !== 'ansm' && principal.role !== 'supplier')
      throw forbid('list_not_allowed', 'only suppliers and ANSM list batches');
    const supplierId = principal.role === 'supplier' ? principal.org : asked;
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT gtin, lot, quantity, manufactured_on::text AS manufactured_on, expires_on::text AS expires_on, supplier_id, exploitant_id,
              conformant, released, on_hold, recalled
       FROM rm_batches WHERE ($1::text IS NULL OR supplier_id = $1) ORDER BY registered_at DESC LIMIT 500`,
      [supplierId ?? null],
    );
    return rows.map((r) => ({
      gtin: r.gtin,
      lot: r.lot,
      quantity: r.quantity,
      manufacturedOn: r.manufactured_on,
      expiresOn: r.expires_on,
      supplierId: r.supplier_id,
      exploitantId: r.exploitant_id,
      conformant: r.conformant,
      released: r.released,
      onHold: r.on_hold,
      recalled: r.recalled,
    }));
  }
}

/** Prescriptions, newest first: a pharmacist sees its pharmacy's, a prescriber its own, ANSM any. */
@QueryHandler(ListPrescriptions)
export class ListPrescriptionsHandler implements IQueryHandler<ListPrescriptions> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

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
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT prescription_id, patient_id, indication, gtin, quantity, duration_days, pharmacy_id, prescriber_rpps,
              issued_on::text AS issued_on, status, dispensed_quantity
       FROM rm_prescriptions
       WHERE ($1::text IS NULL OR pharmacy_id = $1) AND ($2::text IS NULL OR prescriber_rpps = $2)
       ORDER BY issued_on DESC, prescription_id LIMIT 500`,
      [filter.pharmacyId ?? null, filter.prescriberRpps ?? null],
    );
    return rows.map((r) => ({
      prescriptionId: r.prescription_id,
      patientId: r.patient_id,
      indication: r.indication,
      gtin: r.gtin,
      quantity: r.quantity,
      durationDays: r.duration_days,
      pharmacyId: r.pharmacy_id,
      prescriberRpps: r.prescriber_rpps,
      issuedOn: r.issued_on,
      status: r.status,
      dispensedQuantity: r.dispensed_quantity,
    }));
  }
}
