import { describe, expect, it } from '@jest/globals';
import {
  alertDecider,
  alertName,
  alertOf,
  alertSettingsDecider,
  alertStream,
  DEFAULT_ALERT_SETTINGS,
  decidedEvent,
  eventAlerts,
  registerBookStream,
  type AlertCandidate,
  type AlertEvent,
  type AlertEvidence,
  type AlertSettings,
} from '#domain';
import { specification } from './given-when-then.js';

const GTIN = '03400930000014';
const ALERT_ID = '5b7f1f0e-3c2a-5d4e-8f6a-1b2c3d4e5f60';
const candidate: AlertCandidate = {
  kind: 'loss_above_threshold',
  subject: { site: 'PH-1', gtin: GTIN, lot: 'L1', shipmentId: null },
  evidence: ['e-1'],
  details: { quantity: 6, threshold: 5 },
};
const raised: AlertEvent = { type: 'AlertRaised', data: { alertId: ALERT_ID, ...candidate } };
const acknowledged: AlertEvent = { type: 'AlertAcknowledged', data: { alertId: ALERT_ID, note: 'seen' } };
const closed: AlertEvent = { type: 'AlertClosed', data: { alertId: ALERT_ID, note: 'police report filed' } };
const given = specification(alertDecider);
const acknowledge = (role = 'ansm', note = 'seen') => ({
  type: 'AcknowledgeAlert' as const,
  alertId: ALERT_ID,
  note,
  role,
});
const close = (role = 'ansm') => ({ type: 'CloseAlert' as const, alertId: ALERT_ID, note: 'done', role });

describe('the alert decider', () => {
  it('raises an alert once: raised again, it writes nothing', () => {
    given([]).when({ type: 'RaiseAlert', alertId: ALERT_ID, candidate }).then([raised]);
    given([raised]).when({ type: 'RaiseAlert', alertId: ALERT_ID, candidate }).then([]);
    given([raised, closed]).when({ type: 'RaiseAlert', alertId: ALERT_ID, candidate }).then([]);
  });

  it('lets ANSM acknowledge an open alert with a note, once', () => {
    given([raised]).when(acknowledge()).then([acknowledged]);
    given([raised, acknowledged]).when(acknowledge()).thenRefused('conflict', 'alert_already_acknowledged');
  });

  it('lets only ANSM acknowledge or close an alert', () => {
    given([raised]).when(acknowledge('pharmacist')).thenRefused('forbidden', 'ansm_only');
    given([raised]).when(close('supplier')).thenRefused('forbidden', 'ansm_only');
  });

  it('refuses a blank note and an alert never raised', () => {
    given([raised]).when(acknowledge('ansm', '   ')).thenRefused('rule', 'note_required');
    given([]).when(acknowledge()).thenRefused('not_found', 'alert_not_found');
    given([]).when(close()).thenRefused('not_found', 'alert_not_found');
  });

  it('closes an open or acknowledged alert once, and a closed alert is not acknowledged', () => {
    given([raised])
      .when(close())
      .then([{ type: 'AlertClosed', data: { alertId: ALERT_ID, note: 'done' } }]);
    given([raised, acknowledged])
      .when(close())
      .then([{ type: 'AlertClosed', data: { alertId: ALERT_ID, note: 'done' } }]);
    given([raised, closed]).when(close()).thenRefused('conflict', 'alert_already_closed');
    given([raised, closed]).when(acknowledge()).thenRefused('rule', 'alert_closed');
  });

  it('names an alert by its kind, evidence and subject, never by what it measured', () => {
    const remeasured = { ...candidate, details: { quantity: 9 } };
    expect(alertName(remeasured)).toBe(alertName(candidate));
    expect(alertName({ ...candidate, evidence: ['e-2'] })).not.toBe(alertName(candidate));
    expect(alertName({ ...candidate, kind: 'adjustment_above_threshold' })).not.toBe(alertName(candidate));
    expect(alertName({ ...candidate, subject: { ...candidate.subject, site: 'PH-2' } })).not.toBe(alertName(candidate));
  });

  it('reads an alert stream back, and nothing else as one', () => {
    expect(alertOf(alertStream(ALERT_ID))).toBe(ALERT_ID);
    expect(alertOf('alert-settings')).toBeUndefined();
    expect(decidedEvent({ stream: alertStream(ALERT_ID), ...raised, metadata: { occurredAt: 'x' } })).toMatchObject({
      of: 'alert',
      alertId: ALERT_ID,
    });
  });
});

describe('the alert settings', () => {
  const settings: AlertSettings = { transitDays: 3, lossPacks: 0, expiryWindowDays: 60, recallAcknowledgementDays: 1 };
  const givenSettings = specification(alertSettingsDecider);

  it('start at the defaults and change by ANSM only', () => {
    expect(DEFAULT_ALERT_SETTINGS).toEqual({
      transitDays: 7,
      lossPacks: 5,
      expiryWindowDays: 30,
      recallAcknowledgementDays: 2,
    });
    givenSettings([])
      .when({ type: 'ChangeAlertSettings', settings, role: 'ansm' })
      .then([{ type: 'AlertSettingsChanged', data: settings }]);
    givenSettings([])
      .when({ type: 'ChangeAlertSettings', settings, role: 'supplier' })
      .thenRefused('forbidden', 'ansm_only');
  });

  it('write nothing when nothing changes', () => {
    givenSettings([]).when({ type: 'ChangeAlertSettings', settings: DEFAULT_ALERT_SETTINGS, role: 'ansm' }).then([]);
    givenSettings([{ type: 'AlertSettingsChanged', data: settings }])
      .when({ type: 'ChangeAlertSettings', settings, role: 'ansm' })
      .then([]);
  });

  it('refuse a value out of range', () => {
    for (const wrong of [{ transitDays: -1 }, { lossPacks: 1.5 }, { expiryWindowDays: 366 }])
      givenSettings([])
        .when({ type: 'ChangeAlertSettings', settings: { ...settings, ...wrong }, role: 'ansm' })
        .thenRefused('rule', 'alert_setting_out_of_range');
  });
});

describe('the alerts an event raises', () => {
  const PH = registerBookStream('PH-1', '2026-11');
  const stored = (stream: string, type: string, data: object, role = 'pharmacist'): AlertEvidence => ({
    id: 'ev-1',
    stream,
    type,
    data,
    metadata: { occurredAt: '2026-11-25T09:00:00.000Z', role, organisation: 'PH-1' },
  });
  const receipt = (discrepancies: object[]) =>
    stored(PH, 'ShipmentReceived', {
      shipmentId: 'EXP-1~2026-11~1',
      from: 'EXP-1',
      accepted: [],
      discrepancies,
      serials: [],
    });
  const kinds = (event: AlertEvidence, settings = DEFAULT_ALERT_SETTINGS, supplier: string | null = null) =>
    eventAlerts(event, settings, () => supplier).map((c) => c.kind);

  it('raises receipt_discrepancy for packs missing, extra, of a wrong batch or of an unknown code', () => {
    for (const discrepancy of [
      { kind: 'missing', gtin: GTIN, lot: 'L1', shipped: 5, received: 4 },
      { kind: 'extra', gtin: GTIN, lot: 'L1', shipped: 5, received: 6 },
      { kind: 'wrong_batch', gtin: GTIN, lot: 'L9', received: 1 },
      { kind: 'unknown_code', scan: 'xyz', reason: 'syntax', detail: 'not a code' },
    ])
      expect(eventAlerts(receipt([discrepancy]), DEFAULT_ALERT_SETTINGS)).toEqual([
        {
          kind: 'receipt_discrepancy',
          subject: { site: 'PH-1', gtin: null, lot: null, shipmentId: 'EXP-1~2026-11~1' },
          evidence: ['ev-1'],
          details: { from: 'EXP-1', discrepancies: [discrepancy] },
        },
      ]);
  });

  it('raises nothing for a receipt as shipped, or one whose scans were only counted right (a duplicate scan)', () => {
    expect(kinds(receipt([]))).toEqual([]);
    expect(kinds(receipt([{ kind: 'duplicate_scan', gtin: GTIN, lot: 'L1', serial: 'S1' }]))).toEqual([]);
  });

  it('raises expiry_mismatch for packs whose code gives another expiry than their batch, one alert per batch', () => {
    const mismatch = (lot: string, scanned: string, received: number) => ({
      kind: 'expiry_mismatch',
      gtin: GTIN,
      lot,
      recorded: '2027-06-30',
      scanned,
      received,
    });
    const receipt2 = receipt([
      mismatch('L1', '2027-07-31', 2),
      mismatch('L1', '2027-08-31', 1),
      mismatch('L2', '2027-07-31', 3),
    ]);
    expect(eventAlerts(receipt2, DEFAULT_ALERT_SETTINGS)).toEqual([
      {
        kind: 'expiry_mismatch',
        subject: { site: 'PH-1', gtin: GTIN, lot: 'L1', shipmentId: 'EXP-1~2026-11~1' },
        evidence: ['ev-1'],
        details: {
          recorded: '2027-06-30',
          scanned: [
            { expiresOn: '2027-07-31', received: 2 },
            { expiresOn: '2027-08-31', received: 1 },
          ],
        },
      },
      {
        kind: 'expiry_mismatch',
        subject: { site: 'PH-1', gtin: GTIN, lot: 'L2', shipmentId: 'EXP-1~2026-11~1' },
        evidence: ['ev-1'],
        details: { recorded: '2027-06-30', scanned: [{ expiresOn: '2027-07-31', received: 3 }] },
      },
    ]);
  });

  const loss = (quantity: number) =>
    stored(PH, 'LossDeclared', {
      gtin: GTIN,
      lot: 'L1',
      quantity,
      kind: 'theft',
      occurredOn: '2026-11-24',
      declarations: { police: 'P', ars: 'A', ansm: 'N' },
    });

  it('raises loss_above_threshold for more packs than the setting, not for as many', () => {
    expect(kinds(loss(6))).toEqual(['loss_above_threshold']);
    expect(kinds(loss(5))).toEqual([]);
    expect(kinds(loss(1), { ...DEFAULT_ALERT_SETTINGS, lossPacks: 0 })).toEqual(['loss_above_threshold']);
  });

  const inventory = (...differences: number[]) =>
    stored(PH, 'InventoryCounted', {
      countedOn: '2026-11-25',
      counts: [],
      adjustments: differences.map((difference, i) => ({ gtin: GTIN, lot: `L${i}`, difference })),
    });

  it('raises adjustment_above_threshold for each adjustment of more packs than the setting, either way', () => {
    expect(kinds(inventory(-6, 6, 5, -5))).toEqual(['adjustment_above_threshold', 'adjustment_above_threshold']);
    expect(eventAlerts(inventory(-6), DEFAULT_ALERT_SETTINGS)[0]).toMatchObject({
      subject: { site: 'PH-1', gtin: GTIN, lot: 'L0' },
      details: { difference: -6, threshold: 5 },
    });
    expect(kinds(inventory(5, -5))).toEqual([]);
  });

  const dispensed = (dispensedOn: string, expiresOn: string | null) =>
    stored(PH, 'PrescriptionDispensed', {
      dispensationId: 'd',
      prescriptionId: 'ORD-1',
      patientId: 'PAT-SECRET',
      gtin: GTIN,
      lot: 'L1',
      quantity: 1,
      serial: null,
      dispensedOn,
      expiresOn,
    });

  it('raises dispensed_near_expiry within the window (its last day included), never naming the patient', () => {
    const [alert] = eventAlerts(dispensed('2026-11-25', '2026-12-25'), DEFAULT_ALERT_SETTINGS);
    expect(alert).toMatchObject({ kind: 'dispensed_near_expiry', details: { daysLeft: 30, window: 30 } });
    expect(JSON.stringify(alert)).not.toContain('PAT-SECRET');
    expect(kinds(dispensed('2026-11-25', '2026-12-26'))).toEqual([]);
    expect(kinds(dispensed('2026-11-25', null))).toEqual([]);
  });

  const analysis = (conformant: boolean) =>
    stored(
      `batch-${GTIN}-L1`,
      'AnalysisRecorded',
      { sampledOn: '2026-11-20', conformant, failures: conformant ? [] : [{ parameter: 'thc' }] },
      'laboratory',
    );

  it('raises out_of_specification for a failing analysis, about the batch and its supplier', () => {
    expect(eventAlerts(analysis(false), DEFAULT_ALERT_SETTINGS, () => 'SUP-1')).toEqual([
      {
        kind: 'out_of_specification',
        subject: { site: 'SUP-1', gtin: GTIN, lot: 'L1', shipmentId: null },
        evidence: ['ev-1'],
        details: {
          recordedBy: { role: 'laboratory', organisation: 'PH-1' },
          sampledOn: '2026-11-20',
          failures: [{ parameter: 'thc' }],
        },
      },
    ]);
    expect(kinds(analysis(true))).toEqual([]);
  });

  it('raises nothing for an event of another stream', () => {
    expect(kinds(stored(alertStream(ALERT_ID), 'AlertRaised', raised.data))).toEqual([]);
  });
});
