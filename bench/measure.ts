/** Median of the runs: on shared machines single runs vary, the median of several does less. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Events (or operations) per second of `work`, which handles `count` of them. */
export async function rate(count: number, work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

export async function medianRate(runs: number, count: number, work: (run: number) => Promise<unknown>): Promise<number> {
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) rates.push(await rate(count, () => work(run)));
  return median(rates);
}

export interface Row {
  group: string;
  figure: string;
  value: number;
  unit: string;
  /** Ratios against the references measured in the same run. */
  vsLimit?: number;
  vsPeer?: number;
  target?: string;
}

export function format(rows: Row[]): string {
  const lines = ['| group | figure | value | unit | / limit | / peer | target |', '|---|---|---:|---|---:|---:|---|'];
  for (const r of rows) {
    const value = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toFixed(2);
    lines.push(
      `| ${r.group} | ${r.figure} | ${value} | ${r.unit} | ${r.vsLimit === undefined ? '' : r.vsLimit.toFixed(2)} | ${r.vsPeer === undefined ? '' : r.vsPeer.toFixed(2)} | ${r.target ?? ''} |`,
    );
  }
  return lines.join('\n');
}
