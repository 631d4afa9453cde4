import type { EntityManager } from 'typeorm';
import type { DecidedEvent } from '#domain';

/**
 * What the reports count by, kept from the registry, the catalogue and the prescriptions: an organisation's region
 * ('unknown' when it was registered without one, never dropped), a product's name and exploitant, a prescription's
 * indication. Each always precedes, in the global order, the events counted by it.
 */
export async function applyReference(tx: EntityManager, events: DecidedEvent[]): Promise<void> {
  const organisations = [];
  const products = [];
  const prescriptions = [];
  for (const decided of events) {
    if (decided.of === 'organisation' && decided.event.type === 'OrganisationRegistered') {
      const { id, kind, region } = decided.event.data;
      organisations.push({ organisation_id: id, kind, region: region ?? 'unknown' });
    } else if (decided.of === 'product' && decided.event.type === 'ProductAuthorised') {
      const { gtin, name, exploitantId } = decided.event.data;
      products.push({ gtin, name, exploitant_id: exploitantId });
    } else if (decided.of === 'prescription' && decided.event.type === 'PrescriptionIssued') {
      prescriptions.push({ prescription_id: decided.prescriptionId, indication: decided.event.data.indication });
    }
  }
  if (organisations.length > 0)
    await tx.query(
      `INSERT INTO rm_report_organisations (organisation_id, kind, region)
       SELECT organisation_id, kind, region FROM jsonb_to_recordset($1::jsonb) AS x(organisation_id text, kind text, region text)
       ON CONFLICT (organisation_id) DO NOTHING`,
      [JSON.stringify(organisations)],
    );
  if (products.length > 0)
    await tx.query(
      `INSERT INTO rm_report_products (gtin, name, exploitant_id)
       SELECT gtin, name, exploitant_id FROM jsonb_to_recordset($1::jsonb) AS x(gtin text, name text, exploitant_id text)
       ON CONFLICT (gtin) DO NOTHING`,
      [JSON.stringify(products)],
    );
  if (prescriptions.length > 0)
    await tx.query(
      `INSERT INTO rm_report_prescriptions (prescription_id, indication)
       SELECT prescription_id, indication FROM jsonb_to_recordset($1::jsonb) AS x(prescription_id text, indication text)
       ON CONFLICT (prescription_id) DO NOTHING`,
      [JSON.stringify(prescriptions)],
    );
}
