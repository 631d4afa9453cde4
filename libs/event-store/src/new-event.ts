import { randomUUID } from 'node:crypto';
import { InvalidEventError } from './errors.js';
import type { EventMetadata, JsonObject, NewEvent } from './types.js';

/** A new event checked and normalised: the exact values that are hashed and stored. */
export interface PreparedEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REQUIRED_METADATA = ['actor', 'role', 'organisation', 'occurredAt', 'commandId', 'correlationId'] as const;

export function validateStreamName(stream: string): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > 200 || stream.startsWith('$')) {
    throw new InvalidEventError(
      `invalid stream name ${JSON.stringify(stream)}: 1 to 200 characters, not starting with $`,
    );
  }
}

export function prepareEvent(event: NewEvent): PreparedEvent {
  const id = event.id === undefined ? randomUUID() : event.id.toLowerCase();
  if (!UUID.test(id)) throw new InvalidEventError(`event id ${JSON.stringify(event.id)} is not a UUID`);
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
    throw new InvalidEventError(`event ${id}: type must be 1 to 200 characters`);
  }
  if (!isPlainObject(event.data)) throw new InvalidEventError(`event ${id}: data must be a JSON object`);
  if (!isPlainObject(event.metadata)) throw new InvalidEventError(`event ${id}: metadata is required`);
  for (const field of REQUIRED_METADATA) {
    const value = event.metadata[field];
    if (typeof value !== 'string' || value.length === 0) {
      throw new InvalidEventError(`event ${id}: metadata.${field} is required`);
    }
  }
  if (Number.isNaN(Date.parse(event.metadata.occurredAt))) {
    throw new InvalidEventError(`event ${id}: metadata.occurredAt is not an instant`);
  }
  const batchKeys: unknown = event.metadata.batchKeys;
  if (
    batchKeys !== undefined &&
    !(Array.isArray(batchKeys) && batchKeys.every((k) => typeof k === 'string' && k.length > 0))
  ) {
    throw new InvalidEventError(`event ${id}: metadata.batchKeys must be a list of batch keys`);
  }
  return {
    id,
    type: event.type,
    data: jsonCopy(event.data, id) as JsonObject,
    metadata: jsonCopy(event.metadata, id) as unknown as EventMetadata,
  };
}

/**
 * A deep copy of what JSON would keep, refusing what JSON or PostgreSQL's jsonb would silently change or reject:
 * non-finite numbers and the NUL character. Plain data (the usual case) is copied directly; anything else
 * (a Date, undefined, a bigint...) goes through JSON, which gives it its JSON meaning or refuses it.
 */
function jsonCopy(value: object, id: string): unknown {
  try {
    return plainCopy(value);
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
  }
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new InvalidEventError(`event ${id}: ${v} cannot be stored`);
    }
    if (typeof v === 'bigint') throw new InvalidEventError(`event ${id}: bigint cannot be stored`);
    return v;
  });
  if (text.includes('\\u0000')) throw new InvalidEventError(`event ${id}: the NUL character cannot be stored`);
  return JSON.parse(text);
}

const NOT_PLAIN = Symbol('not plain JSON');

/** The copy JSON.parse(JSON.stringify(value)) would make, for strings, finite numbers, booleans, null, arrays and plain objects. */
function plainCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000')) throw NOT_PLAIN;
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw NOT_PLAIN;
      return value === 0 ? 0 : value; // JSON writes -0 as 0
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const copy = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) copy[i] = plainCopy(value[i]); // a hole reads as undefined: not plain
        return copy;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw NOT_PLAIN;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (key === '__proto__' || key.includes('\u0000')) throw NOT_PLAIN;
        copy[key] = plainCopy((value as Record<string, unknown>)[key]);
      }
      return copy;
    }
    default:
      throw NOT_PLAIN;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
