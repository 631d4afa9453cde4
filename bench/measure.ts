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

export async function medianRate(
  runs: number,
  count: number,
  work: (run: number) => Promise<unknown>,
): Promise<number> {
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) rates.push(await rate(count, () => work(run)));
  return median(rates);
}

export interface Comparison {
  ct: number;
  limit: number;
  peer: number;
  /** Medians of the ratios of each run, whose three figures were measured one right after the other. */
  vsLimit: number;
  vsPeer: number;
}

/**
 * cannatrace, the limit and the peer measured in turn within each run, the ratios taken run by run: on a shared
 * machine the load moves within seconds, and measuring all runs of one before the other would compare two loads.
 */
export async function compare(
  runs: number,
  count: number,
  work: {
    ct: (run: number) => Promise<unknown>;
    limit: (run: number) => Promise<unknown>;
    peer: (run: number) => Promise<unknown>;
  },
): Promise<Comparison> {
  const ct: number[] = [];
  const limit: number[] = [];
  const peer: number[] = [];
  for (let run = 0; run < runs; run++) {
    ct.push(await rate(count, () => work.ct(run)));
    limit.push(await rate(count, () => work.limit(run)));
    peer.push(await rate(count, () => work.peer(run)));
  }
  return {
    ct: median(ct),
    limit: median(limit),
    peer: median(peer),
    vsLimit: median(ct.map((c, i) => c / limit[i])),
    vsPeer: median(ct.map((c, i) => c / peer[i])),
  };
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
