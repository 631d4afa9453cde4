import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DataDirLock, DataDirLockedError } from '#sql';

const root = mkdtempSync(join(tmpdir(), 'cannatrace-lock-'));
let n = 0;
const dataDir = () => join(root, `d${++n}`, 'pglite');
const startTicks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};
const writeLock = (dir: string, holder: object) => {
  mkdirSync(dirname(dir), { recursive: true });
  writeFileSync(
    DataDirLock.fileFor(dir),
    JSON.stringify({ host: hostname(), role: 'api', since: '2026-01-01T00:00:00.000Z', ...holder }),
  );
};

describe('the lock on an embedded data directory', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is a file beside the directory naming this process, gone once released', async () => {
    const dir = dataDir();
    const lock = await DataDirLock.acquire(dir, 'test');
    expect(JSON.parse(readFileSync(DataDirLock.fileFor(dir), 'utf8'))).toMatchObject({
      pid: process.pid,
      role: 'test',
      host: hostname(),
    });
    expect(DataDirLock.fileFor(dir)).toBe(`${dir}.lock`);
    lock.release();
    expect(existsSync(DataDirLock.fileFor(dir))).toBe(false);
    (await DataDirLock.acquire(dir, 'test')).release();
  });

  it('refuses a second holder in the same process', async () => {
    const dir = dataDir();
    const lock = await DataDirLock.acquire(dir, 'test');
    await expect(DataDirLock.acquire(dir, 'test')).rejects.toThrow(DataDirLockedError);
    lock.release();
  });

  it('refuses while a live process holds it, naming its pid and what to do', async () => {
    const dir = dataDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const pid = holder.pid as number;
      writeLock(dir, { pid, started: startTicks(pid), url: 'http://127.0.0.1:3999' });
      const error = await DataDirLock.acquire(dir, 'cli verify', 200).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(`in use by the api (pid ${pid}, http://127.0.0.1:3999)`);
      expect((error as Error).message).toContain(`kill ${pid}`);
      expect(DataDirLock.holderOf(dir)).toMatchObject({ pid, url: 'http://127.0.0.1:3999' });
      expect(JSON.parse(readFileSync(DataDirLock.fileFor(dir), 'utf8')).pid).toBe(pid);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over the lock of a dead process, of a reused pid, of this very pid from an earlier run, and a damaged one', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stale = [
        { pid: dead },
        { pid: other.pid, started: '1' }, // a live process, but not the one that took the lock
        { pid: process.pid }, // a container restarted: the same pid, not held in this process
      ];
      for (const holder of stale) {
        const dir = dataDir();
        writeLock(dir, holder);
        expect(DataDirLock.holderOf(dir)).toBeUndefined();
        const lock = await DataDirLock.acquire(dir, 'api');
        expect(JSON.parse(readFileSync(DataDirLock.fileFor(dir), 'utf8')).since).not.toBe('2026-01-01T00:00:00.000Z');
        lock.release();
      }
      const dir = dataDir();
      writeLock(dir, {});
      writeFileSync(DataDirLock.fileFor(dir), 'not json');
      (await DataDirLock.acquire(dir, 'api')).release();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('records where the holding api answers', async () => {
    const dir = dataDir();
    const lock = await DataDirLock.acquire(dir, 'api');
    lock.advertise('http://127.0.0.1:3633');
    expect(DataDirLock.holderOf(dir)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:3633' });
    lock.release();
    expect(DataDirLock.holderOf(dir)).toBeUndefined();
  });
});
