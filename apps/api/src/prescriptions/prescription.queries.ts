import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '#auth';
import {
  addMonths,
  forbid,
  legacyRegisterStream,
  MAX_DURATION_DAYS,
  monthOf,
  notFound,
  parisDate,
  prescriptionDecider,
  prescriptionStream,
  registerBookStream,
  registerDecider,
  remainingPacks,
  type PrescriptionDetails,
  type RegisterEvent,
} from '#domain';
import { CLOCK, type Clock } from '../clock/clock.js';
import { Streams } from '../shared/streams/streams.js';

export class GetPrescription {
  constructor(
    readonly prescriptionId: string,
    readonly principal: Principal,
  ) {}
}

type Dispensed = Extract<RegisterEvent, { type: 'PrescriptionDispensed' }>['data'];

/** A prescription with its dispensations so far: for its prescriber, its pharmacy, or ANSM. */
@QueryHandler(GetPrescription)
export class GetPrescriptionHandler implements IQueryHandler<GetPrescription> {
  constructor(
    private readonly streams: Streams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ prescriptionId, principal }: GetPrescription) {
    const { status, ...prescription } = await this.streams.state(
      prescriptionStream(prescriptionId),
      prescriptionDecider,
    );
    if (status === 'unknown') throw notFound('prescription_unknown', `no prescription ${prescriptionId}`);
    const details = prescription as PrescriptionDetails & { prescriberRpps: string };
    const allowed =
      principal.role === 'ansm' ||
      (principal.role === 'prescriber' && principal.sub === details.prescriberRpps) ||
      principal.org === details.pharmacyId;
    if (!allowed)
      throw forbid('not_prescription_party', 'only its prescriber, its pharmacy or ANSM may read a prescription');
    const dispensations = [];
    for (const stream of await this.booksOfTreatment(details)) {
      for (const e of await this.streams.events(stream)) {
        if (e.type !== 'PrescriptionDispensed' || (e.data as unknown as Dispensed).prescriptionId !== prescriptionId)
          continue;
        const {
          prescriptionId: _id,
          patientId: _patient,
          expiresOn: _expiry,
          ...rest
        } = e.data as unknown as Dispensed;
        dispensations.push({ ...rest, dispensedAt: e.metadata.occurredAt, pharmacistRpps: e.metadata.actor });
      }
    }
    const dispensed = dispensations.reduce((sum, d) => sum + d.quantity, 0);
    const fill = dispensations.length > 0 ? { dispensed, firstOn: dispensations[0].dispensedOn } : undefined;
    return {
      prescriptionId,
      status,
      ...details,
      dispensations,
      dispensedQuantity: dispensed,
      /** Packs that may still be dispensed: none once cancelled or the treatment days are over. */
      remainingQuantity: remainingPacks({ status, ...details }, fill, parisDate(this.clock())),
    };
  }

  /**
   * The pharmacy's books that can hold the prescription's dispensations: those of the months its days of
   * treatment run through (two at most), and the legacy register while it covered them.
   */
  private async booksOfTreatment(details: PrescriptionDetails): Promise<string[]> {
    const first = monthOf(details.issuedOn);
    const last = monthOf(addDays(details.issuedOn, MAX_DURATION_DAYS));
    const books: string[] = [];
    const legacy = await this.streams.current(legacyRegisterStream(details.pharmacyId), registerDecider);
    if (legacy.revision >= 0 && (!legacy.state.book.closed || (legacy.state.book.nextMonth as string) > first)) {
      books.push(legacyRegisterStream(details.pharmacyId));
    }
    for (let month = first; month <= last; month = addMonths(month, 1))
      books.push(registerBookStream(details.pharmacyId, month));
    return books;
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
