import { AI_TABLE, type AiDefinition } from './ai-table.js';
import { checkElement, Gs1ParseError, type Gs1Element } from './element-string.js';

const URI = /^(https?:\/\/[^/?#]+)([^?#]*)(\?[^#]*)?(#.*)?$/i;

/** Whether a scan is a GS1 Digital Link URI rather than an element string. */
export function isDigitalLink(scan: string): boolean {
  return /^https?:\/\//i.test(scan);
}

const refuse = (message: string, position: number) => new Gs1ParseError('bad_digital_link', message, position);

/** A decoded value, with where each of its characters starts in the URI. */
interface Decoded {
  value: string;
  offsets: number[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const bytesOf = new TextEncoder();

function decode(text: string, position: number, ai: string): Decoded {
  const malformed = () => refuse(`(${ai}) ${JSON.stringify(text)} holds a malformed percent-encoding`, position);
  let value = '';
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      value += text[i];
      offsets.push(position + i);
      i++;
      continue;
    }
    const start = i;
    const bytes: number[] = [];
    while (text[i] === '%') {
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) throw malformed();
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    }
    let chars: string;
    try {
      chars = utf8.decode(new Uint8Array(bytes));
    } catch {
      throw malformed();
    }
    let byte = 0;
    for (const char of chars) {
      value += char;
      offsets.push(position + start + byte * 3);
      if (char.length === 2) offsets.push(position + start + byte * 3);
      byte += bytesOf.encode(char).length;
    }
  }
  return { value, offsets };
}

interface Segment {
  text: string;
  position: number;
}

/** Whether the AIs after a primary key follow one of its allowed qualifier orders. */
function qualifiersFit(key: AiDefinition, ais: string[]): boolean {
  return (key.keyQualifiers ?? []).some((order) => {
    let at = 0;
    for (const ai of ais) {
      const next = order.indexOf(ai, at);
      if (next === -1) return false;
      at = next + 1;
    }
    return true;
  });
}

/**
 * Reads an uncompressed GS1 Digital Link URI on any domain: an optional path prefix, then a primary key and its
 * qualifiers in the path (`/01/{gtin}/10/{lot}/21/{serial}`), data attributes as numeric query parameters
 * (`?17=271231`); other query parameters and the fragment are ignored. Values are percent-decoded and checked
 * like those of an element string. A GTIN of 8, 12 or 13 digits in the path is read as its 14-digit form.
 * Compressed Digital Link URIs and the deprecated alphabetic path names (`/gtin/`) are not read.
 */
export function parseDigitalLink(uri: string, referenceYear = new Date().getUTCFullYear()): Gs1Element[] {
  const match = URI.exec(uri);
  if (!match) throw refuse('not an http(s) URI with a domain', 0);
  const [, origin, path, query] = match;
  const segments: Segment[] = [];
  let cursor = origin.length;
  for (const text of path.split('/').slice(1)) {
    segments.push({ text, position: cursor + 1 });
    cursor += text.length + 1;
  }
  if (segments.length > 0 && segments[segments.length - 1].text === '') segments.pop();

  const elements = pathElements(segments, uri);
  if (query) {
    let position = origin.length + path.length + 1;
    for (const parameter of query.slice(1).split('&')) {
      const equals = parameter.indexOf('=');
      const name = equals === -1 ? parameter : parameter.slice(0, equals);
      if (/^\d+$/.test(name)) {
        const definition = AI_TABLE.get(name);
        if (!definition)
          throw new Gs1ParseError(
            'unknown_ai',
            `query parameter ${name} at position ${position} is not a GS1 application identifier`,
            position,
          );
        if (definition.pathOnly)
          throw refuse(
            `(${name}) ${definition.title} belongs in the URI path, not in the query (position ${position})`,
            position,
          );
        const valuePosition = position + name.length + 1;
        elements.push({
          ai: name,
          ...decode(equals === -1 ? '' : parameter.slice(equals + 1), valuePosition, name),
          position: valuePosition,
        });
      }
      position += parameter.length + 1;
    }
  }
  const seen = new Set<string>();
  for (const element of elements) {
    const definition = AI_TABLE.get(element.ai) as AiDefinition;
    if (seen.has(element.ai))
      throw new Gs1ParseError('duplicate_ai', `(${element.ai}) ${definition.title} appears twice`, element.position);
    seen.add(element.ai);
    if (element.value === '')
      throw new Gs1ParseError('truncated', `(${element.ai}) ${definition.title} is empty`, element.position);
    checkElement(definition, element.value, (offset) => element.offsets[offset] ?? element.position, referenceYear);
  }
  return elements.map(({ ai, value, position }) => ({ ai, value, position }));
}

/** The primary key and qualifiers at the end of the path; whatever comes before them is the resolver's own path. */
function pathElements(segments: Segment[], uri: string): (Gs1Element & Decoded)[] {
  let reason: string | undefined;
  for (let start = segments.length % 2; start < segments.length; start += 2) {
    const key = AI_TABLE.get(segments[start].text);
    if (!key?.keyQualifiers) continue;
    const pairs = [];
    for (let i = start; i < segments.length; i += 2) pairs.push({ ai: segments[i].text, value: segments[i + 1] });
    const qualifiers = pairs.slice(1).map((p) => p.ai);
    if (!qualifiersFit(key, qualifiers)) {
      const allowed = (key.keyQualifiers ?? []).map((order) => order.join(', ') || 'none').join(' or ');
      reason ??= `(${key.ai}) ${key.title} is followed by ${qualifiers.join(', ')} in the path; its qualifiers, in this order, are ${allowed}`;
      continue;
    }
    return pairs.map(({ ai, value }) => {
      const decoded = decode(value.text, value.position, ai);
      const short = ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(decoded.value);
      if (!short) return { ai, ...decoded, position: value.position };
      // A shorter GTIN reads as its 14-digit form; the added zeros point at the start of the value.
      const zeros = 14 - decoded.value.length;
      return {
        ai,
        value: decoded.value.padStart(14, '0'),
        offsets: [...Array<number>(zeros).fill(value.position), ...decoded.offsets],
        position: value.position,
      };
    });
  }
  throw refuse(
    reason ?? `the path of ${JSON.stringify(uri)} ends with no GS1 primary key and value (such as /01/{gtin})`,
    0,
  );
}

/** Percent-encodes a value for a URI path segment or query value: every character outside RFC 3986's unreserved set. */
export function encodeDigitalLinkValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The GS1 Digital Link URI of a list of elements: the first primary key and its qualifiers in the path, in their
 * prescribed order, the other elements as query parameters. Throws when the elements hold no primary key or an
 * AI that a Digital Link can carry only as a qualifier of another key.
 */
export function digitalLinkUri(elements: { ai: string; value: string }[], base = 'https://id.gs1.org'): string {
  const key = elements.find((e) => AI_TABLE.get(e.ai)?.keyQualifiers);
  if (!key) throw new Error('a GS1 Digital Link needs a primary key (such as 01)');
  const definition = AI_TABLE.get(key.ai) as AiDefinition;
  const rest = elements.filter((e) => e !== key);
  const candidates = new Set(definition.keyQualifiers?.flat());
  const present = rest.filter((e) => candidates.has(e.ai)).map((e) => e.ai);
  const order = definition.keyQualifiers?.find((o) => present.every((ai) => o.includes(ai)));
  if (!order) throw new Error(`(${key.ai}) cannot take the qualifiers ${present.join(', ')} together`);
  const qualifiers = order.flatMap((ai) => rest.filter((e) => e.ai === ai));
  const attributes = rest.filter((e) => !qualifiers.includes(e));
  const misplaced = attributes.find((e) => AI_TABLE.get(e.ai)?.pathOnly);
  if (misplaced) throw new Error(`(${misplaced.ai}) can only be a path qualifier, and (${key.ai}) does not take it`);
  const path = [key, ...qualifiers].map((e) => `/${e.ai}/${encodeDigitalLinkValue(e.value)}`).join('');
  const query = attributes.map((e) => `${e.ai}=${encodeDigitalLinkValue(e.value)}`).join('&');
  return `${base.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
}
