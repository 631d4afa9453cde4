import { useEffect, useState } from 'preact/hooks';
import { api, seg } from './api';

export interface Product {
  gtin: string;
  name: string;
  form: string;
  contentUnit: string;
  declared: { thc: number; cbd: number };
  tolerancePercent: number;
  limits: Record<string, number>;
}
export interface BatchState {
  gtin: string;
  lot: string;
  expiresOn: string;
  released: boolean;
  onHold: boolean;
  recalled: boolean;
  quantity?: number;
  conformant?: boolean | null;
}

const products = new Map<string, Promise<Product | null>>();
/** A product of the catalogue (any role may read it), asked once per page load. */
export function product(gtin: string): Promise<Product | null> {
  if (!products.has(gtin))
    products.set(
      gtin,
      api<Product>('GET', `/v1/products/${seg(gtin)}`).catch(() => null),
    );
  return products.get(gtin) as Promise<Product | null>;
}

/** The names of these GTINs' products; a GTIN stands for its name until it is known. */
export function useProductNames(gtins: string[]): (gtin: string) => string {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(gtins)].sort().join(',');
  useEffect(() => {
    for (const gtin of new Set(gtins))
      void product(gtin).then((p) => p && setNames((n) => (n[gtin] ? n : { ...n, [gtin]: p.name })));
  }, [key]);
  return (gtin) => names[gtin] ?? gtin;
}

/** The state of a batch as this organisation may see it (expiry, released, held, recalled). */
export const batchState = (gtin: string, lot: string): Promise<BatchState | null> =>
  api<BatchState>('GET', `/v1/batches/${seg(gtin)}/${seg(lot)}`).catch(() => null);
