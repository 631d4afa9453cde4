import { CHECKS } from './ai-checks.js';
import { AI_TABLE, aiAt, type AiDefinition, type Charset } from './ai-table.js';

/** Group separator (ASCII 29): ends a variable-length field; scanners send it for FNC1. */
export const GS = '\x1d';

export type Gs1ErrorCode =
  | 'empty'
  | 'unknown_ai'
  | 'truncated'
  | 'bad_characters'
  | 'bad_check_digit'
  | 'bad_date'
  | 'bad_value'
  | 'too_long'
  | 'missing_separator'
  | 'duplicate_ai'
  | 'missing_gtin'
  | 'bad_digital_link';

export class Gs1ParseError extends Error {
  constructor(
    readonly code: Gs1ErrorCode,
    message: string,
    /** Offset in the scan (after any symbology prefix) or in the Digital Link URI where the problem was found. */
    readonly position: number,
  ) {
    super(message);
    this.name = 'Gs1ParseError';
  }
}

/** One AI and its data, as found in a scan. */
export interface Gs1Element {
  ai: string;
  value: string;
  /** Where the value starts in the scan. */
  position: number;
}

/** Symbology identifiers a scanner may put first: GS1 DataMatrix, GS1-128, GS1 QR, GS1 DataBar. */
const SYMBOLOGY_PREFIXES = [']d2', ']C1', ']Q3', ']e0'];

const CHARSETS: Record<Charset, { pattern: RegExp; name: string }> = {
  n: { pattern: /[^0-9]/, name: 'digits only' },
  x: { pattern: /[^!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]/, name: 'GS1 character set 82' },
  y: { pattern: /[^#\-/0-9A-Z]/, name: 'GS1 character set 39' },
  z: { pattern: /[^\-0-9A-Z_a-z=]|=(?=.*[^=])|={3}/, name: 'base64url' },
};

const label = (definition: AiDefinition) => `(${definition.ai}) ${definition.title}`;

/**
 * Checks an AI's data against its definition: each part's character set and length, then its content rule.
 * Throws a Gs1ParseError that says which rule failed and where: `position` is where the value starts, or maps an
 * offset in the value to a position in the scan.
 */
export function checkElement(
  definition: AiDefinition,
  value: string,
  position: number | ((offset: number) => number),
  referenceYear: number,
): void {
  const at = typeof position === 'number' ? (offset: number) => position + offset : position;
  if (value.length < definition.minLength) {
    throw new Gs1ParseError(
      'truncated',
      `${label(definition)} needs at least ${definition.minLength} characters, found ${value.length}`,
      at(0),
    );
  }
  if (value.length > definition.maxLength) {
    throw new Gs1ParseError(
      'too_long',
      `${label(definition)} holds at most ${definition.maxLength} characters, found ${value.length}`,
      at(0),
    );
  }
  let offset = 0;
  for (const [index, part] of definition.parts.entries()) {
    if (offset === value.length && part.optional) break;
    const isLast = index === definition.parts.length - 1;
    const text = value.slice(offset, isLast ? value.length : offset + part.max);
    if (text.length < part.min || text.length > part.max) {
      const expected = part.min === part.max ? `${part.min}` : `${part.min} to ${part.max}`;
      throw new Gs1ParseError(
        'truncated',
        `${label(definition)}: part ${index + 1} needs ${expected} characters, found ${text.length}`,
        at(offset),
      );
    }
    const bad = CHARSETS[part.charset].pattern.exec(text);
    if (bad) {
      throw new Gs1ParseError(
        'bad_characters',
        `${label(definition)} allows ${CHARSETS[part.charset].name} there, found ${JSON.stringify(bad[0])} at position ${at(offset + bad.index)}`,
        at(offset + bad.index),
      );
    }
    for (const check of part.checks) {
      const failure = CHECKS[check](text, referenceYear);
      if (failure) {
        const code =
          failure.kind === 'check_digit' ? 'bad_check_digit' : failure.kind === 'date' ? 'bad_date' : 'bad_value';
        throw new Gs1ParseError(code, `${label(definition)} ${value}: ${failure.message}`, at(offset + failure.offset));
      }
    }
    offset += text.length;
  }
}

/**
 * Reads a GS1 element string as a scanner delivers it (GS1 DataMatrix, GS1-128, GS1 QR Code, DataBar): an optional
 * symbology identifier and leading FNC1, then AI after AI from the whole GS1 table. A separator must end every field
 * whose length the specification does not predefine, unless it is the last; a superfluous one after a predefined
 * field is tolerated. Refuses, with the reason and the position, anything it would have to guess at.
 */
export function parseElementString(scan: string, referenceYear = new Date().getUTCFullYear()): Gs1Element[] {
  let data = scan;
  const prefix = SYMBOLOGY_PREFIXES.find((p) => data.startsWith(p));
  if (prefix) data = data.slice(prefix.length);
  let offset = 0;
  while (data[offset] === GS) offset++;
  if (offset >= data.length) throw new Gs1ParseError('empty', 'the scan holds no data', offset);

  const elements: Gs1Element[] = [];
  while (offset < data.length) {
    const definition = aiAt(data, offset);
    if (!definition) {
      const found = JSON.stringify(data.slice(offset, offset + 4));
      const message = /^\d\d/.test(data.slice(offset, offset + 2))
        ? `no GS1 application identifier starts with ${found} at position ${offset}`
        : `an application identifier (digits) was expected at position ${offset}, found ${found}`;
      throw new Gs1ParseError('unknown_ai', message, offset);
    }
    const start = offset + definition.ai.length;
    const fixed = definition.minLength === definition.maxLength;
    let value: string;
    if (fixed) {
      value = data.slice(start, start + definition.maxLength);
      const cut = value.indexOf(GS);
      if (cut !== -1 || value.length < definition.maxLength) {
        const found = cut === -1 ? value.length : cut;
        throw new Gs1ParseError(
          'truncated',
          `${label(definition)} needs ${definition.maxLength} characters, found ${found}`,
          start,
        );
      }
      offset = start + definition.maxLength;
      if (data[offset] === GS) offset++;
      else if (definition.separatorRequired && offset < data.length) {
        throw new Gs1ParseError(
          'missing_separator',
          `${label(definition)} must be followed by a GS separator when another element follows; found ${JSON.stringify(data[offset])} at position ${offset}`,
          offset,
        );
      }
    } else {
      const end = data.indexOf(GS, start);
      value = data.slice(start, end === -1 ? data.length : end);
      if (value.length > definition.maxLength) {
        throw new Gs1ParseError(
          'missing_separator',
          `${label(definition)} is ${value.length} characters, more than ${definition.maxLength}: a GS separator is probably missing after it`,
          start,
        );
      }
      offset = end === -1 ? data.length : end + 1;
    }
    if (value.length === 0) throw new Gs1ParseError('truncated', `${label(definition)} is empty`, start);
    checkElement(definition, value, start, referenceYear);
    if (elements.some((e) => e.ai === definition.ai))
      throw new Gs1ParseError('duplicate_ai', `${label(definition)} appears twice`, offset);
    elements.push({ ai: definition.ai, value, position: start });
  }
  return elements;
}

/**
 * The element string of a list of elements as a symbol carries it: fields of predefined length first, then the
 * others, each followed by a GS unless it is the last.
 */
export function encodeElementString(
  elements: { ai: string; value: string }[],
  options: { symbologyPrefix?: boolean } = {},
): string {
  const needsSeparator = (ai: string) => AI_TABLE.get(ai)?.separatorRequired ?? true;
  const predefined = elements.filter((e) => !needsSeparator(e.ai));
  const others = elements.filter((e) => needsSeparator(e.ai));
  const text = predefined.map((e) => e.ai + e.value).join('') + others.map((e) => e.ai + e.value).join(GS);
  return (options.symbologyPrefix ? ']d2' : '') + text;
}
