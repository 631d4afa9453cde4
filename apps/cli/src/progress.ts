/** A one-line progress report on standard error, redrawn in place when it is a terminal, silent otherwise. */
export class Progress {
  private readonly started = Date.now();
  private last = 0;

  constructor(private readonly label: string) {}

  update(done: number, total?: number): void {
    if (!process.stderr.isTTY || Date.now() - this.last < 100) return;
    this.last = Date.now();
    const rate = Math.round(done / Math.max(0.001, (Date.now() - this.started) / 1000));
    const bar = total ? `[${'#'.repeat(Math.round((20 * done) / Math.max(total, 1))).padEnd(20, '.')}] ` : '';
    process.stderr.write(`\r${this.label} ${bar}${done}${total ? `/${total}` : ''} (${rate}/s)   `);
  }

  /** Clears the line; answers the seconds elapsed. */
  finish(): number {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    return (Date.now() - this.started) / 1000;
  }
}
