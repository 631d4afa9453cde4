import { organisationDecider, organisationStream, type OrganisationEvent } from '../organisation/organisation.js';
import { fold } from '../shared/decider.js';
import { organisationsNamed, type RecordedForExport } from './batch-epcis.js';

/** Reads a stream's events: the store's `readStream`, or a test's stand-in. */
export type ReadStream = (stream: string) => Promise<{ type: string; data: unknown }[]>;

/** The GLN of each organisation an export names, for those registered with one. */
export async function exportGlns(events: RecordedForExport[], readStream: ReadStream): Promise<Map<string, string>> {
  const glns = new Map<string, string>();
  for (const id of organisationsNamed(events)) {
    const state = fold(organisationDecider, (await readStream(organisationStream(id))) as OrganisationEvent[]);
    if (state.status === 'registered' && state.gln) glns.set(id, state.gln);
  }
  return glns;
}
