import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** What the lock file says about the process that holds a data directory. */
export interface LockHolder {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid from the holder. */
  started?: string;
  host: string;
  /** `api` or the CLI command that holds the directory. */
  role: string;
  since: string;
  /** Where the api holding the directory answers, once it listens. */
  url?: string;
}

/** Another live process holds the data directory; the message names it and what to do. */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    const who =
      holder.role === 'api'
        ? `the api (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''})`
        : `\`${holder.role}\` (pid ${holder.pid})`;
    const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
    super(
      `${dirname(lockFile)} is in use by ${who}${where} since ${holder.since}. The embedded database opens in one process at a time: ` +
        `stop that process (kill ${holder.pid}, or Ctrl-C in its terminal) and run this again, or use EVENT_STORE=postgres for several processes. ` +
        `If no such process runs, remove ${lockFile}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** Lock files this process holds: a second open of the same directory in this process is refused too. */
const heldHere = new Set<string>();

/**
 * An exclusive lock on an embedded data directory: a file beside it holding the holder's pid, created atomically
 * (hard link of a complete file, which fails when the lock exists). A lock whose process is gone (kill -9, power
 * cut) is taken over; a live holder's is never touched.
 */
export class DataDirLock {
  // process.exit skips the close of the database; the lock goes with the process all the same.
  private readonly releaseOnExit = () => this.release();

  private constructor(
    readonly file: string,
    private holder: LockHolder,
  ) {
    process.once('exit', this.releaseOnExit);
  }

  /** The lock file of a PGlite data directory: `DATA_DIR/pglite` is locked by `DATA_DIR/pglite.lock`. */
  static fileFor(dataDir: string): string {
    return join(dirname(dataDir), `${basename(dataDir)}.lock`);
  }

  /**
   * Takes the lock or throws DataDirLockedError. A live holder is given `patienceMs` to let go first: a process
   * told to stop (npm start ended by Ctrl-C, then a CLI command at once) closes its database in a moment.
   */
  static async acquire(dataDir: string, role: string, patienceMs = 2000): Promise<DataDirLock> {
    const file = DataDirLock.fileFor(dataDir);
    mkdirSync(dirname(file), { recursive: true });
    const holder: LockHolder = {
      pid: process.pid,
      started: startTicks(process.pid),
      host: hostname(),
      role,
      since: new Date().toISOString(),
    };
    const deadline = Date.now() + patienceMs;
    for (let takeovers = 0; takeovers < 5;) {
      if (heldHere.has(file)) throw new DataDirLockedError(file, readHolder(file) ?? holder);
      if (createExclusive(file, holder)) {
        heldHere.add(file);
        return new DataDirLock(file, holder);
      }
      const current = readHolder(file);
      if (current === undefined) continue; // released meanwhile
      if (isAlive(file, current)) {
        if (Date.now() >= deadline) throw new DataDirLockedError(file, current);
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      removeIfStill(file, current);
      takeovers += 1;
    }
    throw new Error(`could not take the lock ${file}: other processes keep taking it`);
  }

  /** Who holds the directory now, if a live process does. */
  static holderOf(dataDir: string): LockHolder | undefined {
    const file = DataDirLock.fileFor(dataDir);
    const holder = readHolder(file);
    return holder && isAlive(file, holder) ? holder : undefined;
  }

  /** Records where the holding api answers, for the CLI to find it. */
  advertise(url: string): void {
    this.holder = { ...this.holder, url };
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}`;
    writeFileSync(temporary, JSON.stringify(this.holder), { mode: 0o644 });
    renameSync(temporary, this.file);
  }

  /**
   * Throws when the lock file no longer names this holder: another process took it in the instant of a takeover
   * race. Called once the database is open, before anything is written.
   */
  confirm(): void {
    const current = readHolder(this.file);
    if (current?.pid !== this.holder.pid || current.since !== this.holder.since) {
      heldHere.delete(this.file);
      throw new DataDirLockedError(this.file, current ?? this.holder);
    }
  }

  release(): void {
    process.off('exit', this.releaseOnExit);
    if (!heldHere.delete(this.file)) return;
    const current = readHolder(this.file);
    if (current?.pid === this.holder.pid && current.since === this.holder.since) unlinkSync(this.file);
  }
}

function createExclusive(file: string, holder: LockHolder): boolean {
  const temporary = `${file}.${randomBytes(6).toString('hex')}`;
  writeFileSync(temporary, JSON.stringify(holder), { mode: 0o644 });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function readHolder(file: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (Number.isInteger(holder.pid)) return holder;
  } catch {
    // Not ours or damaged: described below as a dead holder, so that it is taken over.
  }
  return { pid: 0, host: hostname(), role: 'unknown', since: 'unknown' };
}

/**
 * Removes a dead holder's lock, and only that one: the file is first moved aside under a name of our own, so two
 * processes taking over at once cannot remove each other's fresh lock; one moved by mistake is put back.
 */
function removeIfStill(file: string, dead: LockHolder): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== dead.pid || moved.since !== dead.since)) {
    try {
      linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
}

function isAlive(file: string, holder: LockHolder): boolean {
  // Another machine's pid (a shared disk) cannot be checked here: assume it runs.
  if (holder.host !== hostname()) return true;
  if (holder.pid <= 0) return false;
  // The same pid as ours, not held in this process: a previous run of this container or machine.
  if (holder.pid === process.pid) return heldHere.has(file);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const stat = procStat(holder.pid);
  if (stat === undefined) return true;
  // A zombie (killed, not yet reaped by its parent) holds nothing; another start time is another process.
  return stat[0] !== 'Z' && (holder.started === undefined || stat[19] === holder.started);
}

function startTicks(pid: number): string | undefined {
  return procStat(pid)?.[19];
}

/** /proc/PID/stat from its third field (state; [19] is field 22, the start time); undefined without /proc. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
