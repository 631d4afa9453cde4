import { describe, expect, it } from '@jest/globals';
import { batchAccess, batchViewFor, needsLinks } from '#domain';
import { releasedBatch } from './fixtures.js';

const none = { sites: new Set<string>() };
const held = (...sites: string[]) => ({ sites: new Set(sites) });

describe('who may see which view of a batch', () => {
  it('ANSM sees all of every batch, linked or not', () =>
    expect(batchAccess({ role: 'ansm', organisation: 'ANSM' }, releasedBatch, none)).toBe('full'));
  it('its supplier and its exploitant of record see all of it', () => {
    expect(batchAccess({ role: 'supplier', organisation: 'SUP-1' }, releasedBatch, none)).toBe('full');
    expect(batchAccess({ role: 'exploitant', organisation: 'EXP-1' }, releasedBatch, none)).toBe('full');
  });
  it("another supplier sees nothing of it, not even that it exists (a competitor's batch)", () =>
    expect(batchAccess({ role: 'supplier', organisation: 'SUP-2' }, releasedBatch, none)).toBe('none'));
  it('a pharmacy that holds or held packs sees the holder’s view; one with no link sees nothing', () => {
    expect(batchAccess({ role: 'pharmacist', organisation: 'PH-1' }, releasedBatch, held('PH-1'))).toBe('holder');
    expect(batchAccess({ role: 'pharmacist', organisation: 'PH-2' }, releasedBatch, held('PH-1'))).toBe('none');
  });
  it('another exploitant that holds or held it sees all of it', () =>
    expect(batchAccess({ role: 'exploitant', organisation: 'EXP-2' }, releasedBatch, held('EXP-2'))).toBe('full'));
  it('a laboratory or prescriber with no site link sees nothing', () => {
    expect(batchAccess({ role: 'laboratory', organisation: 'LAB-1' }, releasedBatch, none)).toBe('none');
    expect(batchAccess({ role: 'prescriber', organisation: 'CHU-1' }, releasedBatch, none)).toBe('none');
  });
  it('reads the links only for those the batch itself does not name', () => {
    expect(needsLinks({ role: 'ansm', organisation: 'ANSM' }, releasedBatch)).toBe(false);
    expect(needsLinks({ role: 'supplier', organisation: 'SUP-1' }, releasedBatch)).toBe(false);
    expect(needsLinks({ role: 'pharmacist', organisation: 'PH-1' }, releasedBatch)).toBe(true);
  });
  it('the holder’s view leaves out quantity, conformity and every supplier-internal field', () => {
    expect(batchViewFor('holder', releasedBatch)).toEqual({
      view: 'holder',
      gtin: '03400930000014',
      lot: 'L1',
      expiresOn: '2027-01-31',
      released: true,
      onHold: false,
      recalled: false,
    });
    expect(batchViewFor('full', releasedBatch)).toMatchObject({ view: 'full', quantity: 100, conformant: true });
    expect(batchViewFor('none', releasedBatch)).toBeUndefined();
  });
});
