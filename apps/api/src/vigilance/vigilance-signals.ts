import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '#auth';
import {
  eventVersions,
  subjectReports,
  subjectsOf,
  thresholdCrossings,
  VIGILANCE_THRESHOLDS_STREAM,
  vigilanceSignalDecider,
  vigilanceSignalStream,
  vigilanceSubjectKey,
  vigilanceThresholdDecider,
  type BatchRef,
  type SignalSubject,
  type VigilanceReportEvent,
} from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { CommandContext } from '../shared/streams/command-context.js';
import { commandEventId, nameBasedId } from '../shared/streams/event-ids.js';
import { Streams } from '../shared/streams/streams.js';

/** The id of the signal of a subject's crossing: the same subject and reports always name the same signal. */
export const signalIdOf = (subject: SignalSubject, reportIds: string[]) =>
  nameBasedId(`vigilance-signal/${vigilanceSubjectKey(subject)}/${reportIds.join('/')}`);

/**
 * Raises the signals a report takes part in, right after the command that filed or corrected it (docs/domain.md,
 * Vigilance): each subject's reports are read back from the store by the subject's key (a handful, indexed), the
 * crossings recomputed, and each crossing that includes the report raised on its own stream. The signal's id, and
 * its event's, derive from the subject and the reports: two reports filed at once that both see the crossing, a
 * retried command, or a later correction raise it once.
 */
@Injectable()
export class VigilanceSignals {
  constructor(
    private readonly streams: Streams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async raiseFor(
    report: { reportId: string; batches: BatchRef[]; products: string[] },
    context: CommandContext,
  ): Promise<string[]> {
    const threshold = await this.streams.state(VIGILANCE_THRESHOLDS_STREAM, vigilanceThresholdDecider);
    const raised: string[] = [];
    for (const subject of subjectsOf(report)) {
      const events = (await this.store.readByBatchKey(vigilanceSubjectKey(subject))).map((e) => {
        const current = eventVersions.upcast(e);
        return { type: current.type, data: current.data } as VigilanceReportEvent;
      });
      for (const reportIds of thresholdCrossings(subjectReports(events), threshold)) {
        if (!reportIds.includes(report.reportId)) continue;
        const signalId = signalIdOf(subject, reportIds);
        await this.streams.decide(
          vigilanceSignalStream(signalId),
          vigilanceSignalDecider,
          () => ({ type: 'RaiseVigilanceSignal' as const, signal: { signalId, subject, reportIds, threshold } }),
          {
            // Not a role anyone signs in with: cannatrace raises signals itself.
            principal: { sub: 'cannatrace', role: 'system' as Role, org: 'cannatrace' },
            commandId: `${signalId}/raise`,
            correlationId: context.correlationId,
            causationId: commandEventId(context.commandId, 0),
            now: context.now,
          },
        );
        raised.push(signalId);
      }
    }
    return raised;
  }
}
