/** A column of a CSV report: its header (the JSON field, nested by a dot) and how a row gives its value. */
export interface CsvColumn<Row> {
  name: string;
  value: (row: Row) => string | number | null;
}

/**
 * RFC 4180: a header line, then one line per row, lines ended by CRLF. A field holding a comma, a double quote, a
 * CR or a LF is quoted, its quotes doubled; null is an empty field; numbers are written with a point before their
 * decimals and no thousands separator (`666.67`, `1000`).
 */
export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => field(c.name)), ...rows.map((row) => columns.map((c) => field(c.value(row))))];
  return lines.map((line) => `${line.join(',')}\r\n`).join('');
}

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? numberText(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a number a report can hold: ${value}`);
  // Never an exponent: reports hold counts and rates to two decimals.
  return Number.isInteger(value) ? value.toFixed(0) : String(Math.round(value * 100) / 100);
}
