import { describe, expect, it } from '@jest/globals';
import { toCsv, type CsvColumn } from './csv.js';

interface Row {
  name: string | null;
  count: number;
  rate: number | null;
}
const columns: CsvColumn<Row>[] = [
  { name: 'name', value: (r) => r.name },
  { name: 'count', value: (r) => r.count },
  { name: 'stats.rate', value: (r) => r.rate },
];

describe('CSV reports', () => {
  it('writes the header, then one CRLF-ended line per row', () => {
    expect(toCsv(columns, [{ name: 'Huile', count: 3, rate: 333.33 }])).toBe(
      'name,count,stats.rate\r\nHuile,3,333.33\r\n',
    );
  });

  it('answers the header alone when there is no row', () => {
    expect(toCsv(columns, [])).toBe('name,count,stats.rate\r\n');
  });

  it('quotes a field with a comma, a quote or a line break, doubling its quotes', () => {
    const csv = toCsv(columns, [
      { name: 'Huile, 10 mg/ml', count: 1, rate: null },
      { name: 'Fleurs "T20"', count: 2, rate: null },
      { name: 'deux\nlignes', count: 0, rate: null },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'name,count,stats.rate',
      '"Huile, 10 mg/ml",1,',
      '"Fleurs ""T20""",2,',
      '"deux\nlignes",0,',
      '',
    ]);
  });

  it('writes numbers with a decimal point, two decimals at most, never an exponent nor a separator', () => {
    const csv = toCsv(columns, [
      { name: null, count: 1_250_000, rate: 666.6666 },
      { name: '', count: 0, rate: 1e-7 },
      { name: 'x', count: 2, rate: 1000 },
    ]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual([',1250000,666.67', ',0,0', 'x,2,1000']);
  });
});
