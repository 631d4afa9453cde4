import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Role } from '#auth';
import {
  ALERT_SETTINGS_STREAM,
  alertDecider,
  alertName,
  alertOf,
  alertSettingsDecider,
  alertStream,
  notFound,
  type AlertCandidate,
  type AlertSettings,
} from '#domain';
import { EventIdConflictError } from '#event-store';
import type { CommandContext } from '../shared/streams/command-context.js';
import { nameBasedId } from '../shared/streams/event-ids.js';
import { Streams, type CommandResult } from '../shared/streams/streams.js';

export type AlertCommandResult = CommandResult & { alertId: string };

/**
 * Raise what a rule found, once. The alert's id, and with it its stream and its event's id, derive from the
 * finding alone: whoever finds it again (a replay, another api process, the next sweep) writes nothing.
 */
export class RaiseAlert extends Command<AlertCommandResult> {
  constructor(
    readonly candidate: AlertCandidate,
    /** When it was found: the evidence's instant for an event's alert, the api's clock for the sweep. */
    readonly now: Date,
    /** The event that showed it, when one did. */
    readonly cause?: { eventId: string; correlationId: string },
  ) {
    super();
  }
}

/** ANSM has read the alert and says what it found or is doing. */
export class AcknowledgeAlert extends Command<AlertCommandResult> {
  constructor(
    readonly alertId: string,
    readonly note: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** ANSM closes the alert, saying why. */
export class CloseAlert extends Command<AlertCommandResult> {
  constructor(
    readonly alertId: string,
    readonly note: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** ANSM sets every threshold of the alerts at once. */
export class ChangeAlertSettings extends Command<CommandResult> {
  constructor(
    readonly settings: AlertSettings,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RaiseAlert)
export class RaiseAlertHandler implements ICommandHandler<RaiseAlert, AlertCommandResult> {
  constructor(private readonly streams: Streams) {}

  async execute({ candidate, now, cause }: RaiseAlert): Promise<AlertCommandResult> {
    const alertId = nameBasedId(alertName(candidate));
    const stream = alertStream(alertId);
    const context: CommandContext = {
      principal: { sub: 'cannatrace', role: 'system' as Role, org: 'cannatrace' },
      commandId: alertId,
      correlationId: cause?.correlationId ?? alertId,
      ...(cause ? { causationId: cause.eventId } : {}),
      now,
    };
    try {
      const result = await this.streams.decide(
        stream,
        alertDecider,
        () => ({ type: 'RaiseAlert' as const, alertId, candidate }),
        context,
      );
      return { ...result, alertId };
    } catch (error) {
      // Another process raised it first, found at another instant: the alert stands as that process wrote it.
      if (!(error instanceof EventIdConflictError)) throw error;
      return { eventIds: [], stream, revision: 0, alertId };
    }
  }
}

function alertStreamOf(alertId: string): string {
  const stream = alertStream(alertId);
  if (alertOf(stream) === undefined) throw notFound('alert_not_found', `no alert ${alertId}`);
  return stream;
}

@CommandHandler(AcknowledgeAlert)
export class AcknowledgeAlertHandler implements ICommandHandler<AcknowledgeAlert, AlertCommandResult> {
  constructor(private readonly streams: Streams) {}

  async execute({ alertId, note, context }: AcknowledgeAlert): Promise<AlertCommandResult> {
    const result = await this.streams.decide(
      alertStreamOf(alertId),
      alertDecider,
      () => ({ type: 'AcknowledgeAlert' as const, alertId, note, role: context.principal.role }),
      context,
    );
    return { ...result, alertId };
  }
}

@CommandHandler(CloseAlert)
export class CloseAlertHandler implements ICommandHandler<CloseAlert, AlertCommandResult> {
  constructor(private readonly streams: Streams) {}

  async execute({ alertId, note, context }: CloseAlert): Promise<AlertCommandResult> {
    const result = await this.streams.decide(
      alertStreamOf(alertId),
      alertDecider,
      () => ({ type: 'CloseAlert' as const, alertId, note, role: context.principal.role }),
      context,
    );
    return { ...result, alertId };
  }
}

@CommandHandler(ChangeAlertSettings)
export class ChangeAlertSettingsHandler implements ICommandHandler<ChangeAlertSettings, CommandResult> {
  constructor(private readonly streams: Streams) {}

  execute({ settings, context }: ChangeAlertSettings): Promise<CommandResult> {
    return this.streams.decide(
      ALERT_SETTINGS_STREAM,
      alertSettingsDecider,
      () => ({ type: 'ChangeAlertSettings' as const, settings, role: context.principal.role }),
      context,
    );
  }
}
