import { eventVersions } from '#domain';
import type { RecordedEvent } from '#event-store';

/** Events in their current shape: partners never see an old version. */
export const upcastAll = (events: RecordedEvent[]): RecordedEvent[] => events.map((e) => eventVersions.upcast(e));
