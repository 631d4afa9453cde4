/** A quantity of packs of one batch. */
export interface Line {
  gtin: string;
  lot: string;
  quantity: number;
}

export type Discrepancy =
  /** Fewer packs of a shipped batch arrived than were shipped. */
  | { kind: 'missing'; gtin: string; lot: string; shipped: number; received: number }
  /** More packs of a shipped batch arrived than were shipped; only the shipped quantity enters the register. */
  | { kind: 'extra'; gtin: string; lot: string; shipped: number; received: number }
  /** Packs of a batch the shipment does not contain; they do not enter the register. */
  | { kind: 'wrong_batch'; gtin: string; lot: string | null; received: number }
  /** A serial scanned more than once: counted once. */
  | { kind: 'duplicate_scan'; gtin: string; lot: string | null; serial: string }
  /** Packs of a shipped batch whose code gives another expiry than the batch's; they enter the register all the same. */
  | { kind: 'expiry_mismatch'; gtin: string; lot: string; recorded: string; scanned: string; received: number }
  /** A scan that is not a readable pack code. */
  | { kind: 'unknown_code'; scan: string; reason: string; detail: string }
  /** A scan whose lot reads as a shipped lot run into its serial: the scanner dropped the GS separator. */
  | { kind: 'missing_separator'; scan: string; gtin: string; lot: string; detail: string };

export interface SerialNumber {
  gtin: string;
  lot: string;
  serial: string;
}

/** A prescription's packs dispensed so far at this pharmacy, and the day it was first presented. */
export interface Fill {
  prescriptionId: string;
  dispensed: number;
  firstOn: string;
}

/** Serial numbers of one batch dispensed at this site. */
export interface DispensedSerials {
  gtin: string;
  lot: string;
  /** Once the batch has expired it cannot be dispensed, so its serials need not be carried further. */
  expiresOn: string | null;
  serials: string[];
}

/** What a book carries from the previous one: every fact the register's rules still need, and nothing older. */
export interface CarriedRegister {
  /** Packs held per batch at the close of the previous book. */
  stock: Line[];
  /** Batches whose release entered this (supplier's) register. */
  releasesEntered: string[];
  /** Shipments received, with the month of the book that received them (null: the legacy book). */
  received: { shipmentId: string; month: string | null }[];
  /** Prescriptions that may still be dispensed. */
  fills: Fill[];
  /** Serials of batches not yet expired. */
  serials: DispensedSerials[];
  /** Recalls this site acknowledged (absent from books opened before recalls were followed). */
  recalls?: RecallAtSite[];
}

/** A recall as one site follows it: acknowledged (its packs unusable here), then its packs counted into quarantine. */
export interface RecallAtSite {
  gtin: string;
  lot: string;
  /** Packs set aside in quarantine; null until counted. */
  quarantined: number | null;
}

export type RegisterEvent =
  | {
      type: 'RegisterBookOpened';
      data: { month: string; previousBook: string | null; carried: CarriedRegister };
    }
  /** The book is closed: no movement is written in it any more; `closing` is what it hands to the next book. */
  | { type: 'RegisterBookClosed'; data: { nextMonth: string; closing: Line[] } }
  | { type: 'StockEntered'; data: Line & { reason: 'batch_release' } }
  | {
      type: 'ShipmentDispatched';
      data: {
        shipmentId: string;
        to: string;
        lines: Line[];
        carrier: string | null;
        importAuthorisation: string | null;
        /** Present (true) on a return to the site's supplier: allowed for any batch held. */
        return?: true;
      };
    }
  | {
      type: 'ShipmentReceived';
      data: {
        shipmentId: string;
        from: string;
        accepted: Line[];
        discrepancies: Discrepancy[];
        serials: SerialNumber[];
      };
    }
  | {
      type: 'LossDeclared';
      data: Line & {
        kind: 'loss' | 'theft';
        occurredOn: string;
        declarations: { police: string; ars: string; ansm: string };
      };
    }
  | {
      type: 'StockDestroyed';
      data: Line & { destroyedOn: string; witnessRpps: string; reportReference: string; arsNotifiedOn: string };
    }
  | {
      type: 'PrescriptionDispensed';
      data: {
        dispensationId: string;
        prescriptionId: string;
        patientId: string;
        gtin: string;
        lot: string;
        quantity: number;
        serial: string | null;
        dispensedOn: string;
        /** The batch's expiry when dispensed (schema version 2; null when upcast from version 1). */
        expiresOn: string | null;
      };
    }
  /** The site has read the recall notice: from now its packs of the batch are not dispensed or shipped but returned. */
  | { type: 'RecallAcknowledged'; data: { gtin: string; lot: string; onHand: number } }
  /** The site's packs of a recalled batch are counted and set aside until they are returned. */
  | { type: 'RecalledStockQuarantined'; data: Line }
  | {
      type: 'InventoryCounted';
      data: {
        countedOn: string;
        counts: { gtin: string; lot: string; counted: number; recorded: number }[];
        adjustments: { gtin: string; lot: string; difference: number }[];
      };
    };
