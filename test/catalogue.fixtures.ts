import { conformingFlowerResults } from '../libs/domain/test/fixtures.js';
import type { Api } from './harness.js';

export { conformingFlowerResults };

export const GTIN = '03400930000014';
export const OTHER_GTIN = '03400930000021';

export const analysis = (results: object = conformingFlowerResults) => ({
  laboratory: 'Laboratoire Central',
  sampledOn: '2026-01-12',
  certificateSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  results,
});

export const batch = (lot: string, gtin = GTIN) => ({
  gtin,
  lot,
  quantity: 500,
  manufacturedOn: '2026-01-10',
  expiresOn: '2031-01-31',
});

/** ANSM registers two suppliers, an exploitant, a laboratory and one flower product of each supplier. */
export async function seedCatalogue(api: Api): Promise<void> {
  const organisations = [
    { id: 'SUP-1', kind: 'supplier', name: 'Supplier One', country: 'DK' },
    { id: 'SUP-2', kind: 'supplier', name: 'Supplier Two', country: 'PT' },
    { id: 'EXP-1', kind: 'exploitant', name: 'Exploitant', country: 'FR' },
    { id: 'LAB-1', kind: 'laboratory', name: 'Laboratoire Central', country: 'FR' },
  ];
  for (const organisation of organisations)
    await api.post('/v1/organisations', 'ansm', 'ANSM', organisation).expect(201);
  await api.post('/v1/products', 'ansm', 'ANSM', flowerProduct(GTIN, 'SUP-1')).expect(201);
  await api.post('/v1/products', 'ansm', 'ANSM', flowerProduct(OTHER_GTIN, 'SUP-2')).expect(201);
}

/** A THC-dominant dried flower of this supplier, distributed by EXP-1, with the default specification. */
export const flowerProduct = (gtin: string, supplierId: string) => ({
  gtin,
  name: 'Fleurs THC 20',
  supplierId,
  exploitantId: 'EXP-1',
  form: 'dried_flower',
  ratio: 'THC_DOMINANT',
  declared: { thc: 20, cbd: 1 },
  contentUnit: 'percent',
});
