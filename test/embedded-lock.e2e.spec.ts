import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoScan } from '../apps/cli/src/commands/seed.js';
import { bearer, build, BUILD, run, startApi, type RunningApi } from './embedded-processes.js';

describe('one process per embedded data directory (child processes)', () => {
  let dataDir: string;
  let api: RunningApi;
  beforeAll(async () => {
    build();
    dataDir = mkdtempSync(join(tmpdir(), 'cannatrace-lock-e2e-'));
    api = await startApi(dataDir);
  }, 120_000);
  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await api?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a CLI command while the api runs, naming its pid and what to do, exit code 75', async () => {
    const { code, stderr } = await run('cli', ['verify'], dataDir);
    expect(code).toBe(75);
    expect(stderr).toContain(`in use by the api (pid ${api.child.pid}, ${api.url})`);
    expect(stderr).toContain(`stop that process (kill ${api.child.pid}`);
  }, 30_000);

  it('refuses a second api on the same directory', async () => {
    const { code, stderr } = await run('api', [], dataDir);
    expect(code).toBe(75);
    expect(stderr).toMatch(new RegExp(`^cannatrace: cannot start: .* is in use by the api \\(pid ${api.child.pid}`));
  }, 30_000);

  it('seeds through the running api, which then knows the seeded pharmacy; a second seed prints the codes again', async () => {
    const first = await run('cli', ['seed'], dataDir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`(through the api running as pid ${api.child.pid} at ${api.url})`);
    expect(first.stdout).toContain(demoScan('DEMO-A', 'SN0001'));
    expect(first.stdout).toContain('DEMO=on');
    const pharmacy = await fetch(`${api.url}/v1/organisations/PH-CENTRE`, {
      headers: { authorization: bearer('ansm', 'ANSM') },
    });
    expect(pharmacy.status).toBe(200);

    const again = await run('cli', ['seed'], dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the demo data was already there');
    expect(again.stdout).toMatch(/delivery EXP-DEMO~\S+ to PH-CENTRE, 3 packs of DEMO-A \(waiting\)/);
    for (const serial of ['SN0001', 'SN0002', 'SN0003']) expect(again.stdout).toContain(demoScan('DEMO-A', serial));
  }, 60_000);

  it('takes over the lock of an api killed with SIGKILL', async () => {
    api.child.kill('SIGKILL');
    await api.exited;
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(true);
    const { code, stdout } = await run('cli', ['verify'], dataDir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/every chain holds/);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
  }, 30_000);

  it('lets exactly one of eight processes racing for a stale lock take it', async () => {
    const dir = join(dataDir, 'race', 'pglite');
    mkdirSync(join(dataDir, 'race'));
    writeFileSync(
      `${dir}.lock`,
      JSON.stringify({ pid: 999_999_999, host: hostname(), role: 'api', since: '2026-01-01T00:00:00.000Z' }),
    );
    const lockModule = resolve(BUILD, 'libs/sql/src/data-dir-lock.js');
    // The winner keeps the lock until every racer has answered (its stdin closes then), however slowly a loaded
    // machine starts them: a winner that let go early would hand the lock to a latecomer.
    const script = `
      const { DataDirLock } = await import(${JSON.stringify(lockModule)});
      try {
        await DataDirLock.acquire(${JSON.stringify(dir)}, 'racer', 0);
        console.log('WON');
        process.stdin.resume();
        await new Promise((r) => process.stdin.once('end', r));
      }
      catch (error) { console.log(error.name === 'DataDirLockedError' ? 'REFUSED' : 'ERROR ' + error.message); }`;
    const racers = Array.from({ length: 8 }, () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const answer = new Promise<string>((done) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) done(out.trim());
        });
        child.once('close', () => done(out.trim()));
      });
      const closed = new Promise<void>((done) => child.once('close', () => done()));
      return { child, answer, closed };
    });
    const outcomes = await Promise.all(racers.map((r) => r.answer));
    for (const racer of racers) racer.child.stdin.end();
    await Promise.all(racers.map((r) => r.closed));
    expect(outcomes.filter((o) => o === 'WON')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'REFUSED')).toHaveLength(7);
  }, 30_000);
});
