import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreOn, START, type RecordedEvent } from '#event-store';
import { PgliteSqlClient } from '#sql';
import { bearer, build, post, run, startApi } from './embedded-processes.js';

const ROUNDS = 5;
const CLIENTS = 6;

describe('the embedded default killed (SIGKILL) during a burst of writes, five times in a row (child process)', () => {
  let dataDir: string;
  beforeAll(() => {
    build();
    dataDir = mkdtempSync(join(tmpdir(), 'cannatrace-crash-'));
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every write it acknowledged, whole, with every chain intact', async () => {
    const ansm = bearer('ansm', 'ANSM');
    const acknowledged = { organisations: [] as string[], professionals: [] as string[] };
    const unexpected: string[] = [];
    let inFlightAtKill = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const api = await startApi(dataDir);
      let killed = false;
      let pending = 0;
      const client = async (c: number) => {
        for (let i = 0; !killed; i++) {
          const id = `K${round}-${c}-${i}`;
          const rpps = String(20_000_000_000 + round * 1_000_000 + c * 10_000 + i);
          try {
            pending += 1;
            const organisation = await post(api.url, '/v1/organisations', ansm, {
              id,
              kind: 'community_pharmacy',
              name: `Pharmacie ${id}`,
              country: 'FR',
            });
            pending -= 1;
            if (organisation !== 201) throw new Error(`organisation ${id}: ${organisation}`);
            acknowledged.organisations.push(id);
            pending += 1;
            const professional = await post(api.url, '/v1/professionals', ansm, {
              rpps,
              kind: 'pharmacist',
              name: `Pharmacien ${rpps}`,
              organisationId: id,
              trainedOn: '2026-01-05',
            });
            pending -= 1;
            if (professional !== 201) throw new Error(`professional ${rpps}: ${professional}`);
            acknowledged.professionals.push(rpps);
          } catch (error) {
            // The connection dies with the process; any other failure is a defect.
            if (!killed) unexpected.push((error as Error).message);
            return;
          }
        }
      };
      const before = acknowledged.organisations.length;
      const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
      // Once writes flow, a random moment into the burst.
      while (acknowledged.organisations.length < before + 30 && unexpected.length === 0)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      inFlightAtKill += pending;
      killed = true;
      api.child.kill('SIGKILL');
      await api.exited;
      await Promise.all(clients);
    }
    expect(unexpected).toEqual([]);

    // The api starts again on what the kills left, and its projections catch up.
    const api = await startApi(dataDir);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const health = (await (await fetch(`${api.url}/health`)).json()) as {
        status: string;
        projections: { behind: number }[];
      };
      if (health.status === 'ok' && health.projections.every((p) => p.behind === 0)) break;
      if (Date.now() > deadline) throw new Error(`projections did not catch up: ${JSON.stringify(health)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const last = acknowledged.professionals.at(-1) as string;
    expect(
      (await fetch(`${api.url}/v1/professionals/${last}`, { headers: { authorization: bearer('ansm', 'ANSM') } }))
        .status,
    ).toBe(200);
    // Stopped as Ctrl-C would: it closes its database and lets go of the directory.
    api.child.kill('SIGTERM');
    await api.exited;
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);

    const verify = await run('cli', ['verify'], dataDir);
    expect(verify.stdout).toMatch(/every chain holds/);
    expect(verify.code).toBe(0);

    // Every acknowledged write is there, once; every command's event whole (one per stream, revision 0).
    const sql = await PgliteSqlClient.open(join(dataDir, 'pglite'));
    try {
      const store = await eventStoreOn(sql);
      const events: RecordedEvent[] = [];
      for (let from = START; ;) {
        const page = await store.readAll({ from, maxCount: 1000 });
        if (page.events.length === 0) break;
        events.push(...page.events);
        from = page.checkpoint;
      }
      const byStream = new Map<string, RecordedEvent[]>();
      for (const e of events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
      for (const id of acknowledged.organisations)
        expect(byStream.get(`organisation-${id}`)?.map((e) => [e.revision, e.type])).toEqual([
          [0, 'OrganisationRegistered'],
        ]);
      for (const rpps of acknowledged.professionals)
        expect(byStream.get(`professional-${rpps}`)?.map((e) => [e.revision, e.type])).toEqual([
          [0, 'ProfessionalRegistered'],
        ]);
      for (const [stream, list] of byStream) expect([stream, list.length]).toEqual([stream, 1]);
      const professionals = events.filter((e) => e.type === 'ProfessionalRegistered');
      for (const p of professionals)
        expect(byStream.has(`organisation-${(p.data as { organisationId: string }).organisationId}`)).toBe(true);
      const committedUnanswered = events.length - acknowledged.organisations.length - acknowledged.professionals.length;
      expect(committedUnanswered).toBeGreaterThanOrEqual(0);
      expect(committedUnanswered).toBeLessThanOrEqual(inFlightAtKill);
      process.stdout.write(
        `embedded crash: ${ROUNDS} SIGKILLs survived; ${acknowledged.organisations.length + acknowledged.professionals.length} acknowledged writes checked, all present; ` +
          `${committedUnanswered} of ${inFlightAtKill} writes in flight at the kills committed without an answer\n`,
      );
    } finally {
      await sql.close();
    }
  }, 240_000);
});
