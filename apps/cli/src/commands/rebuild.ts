import type { DataSource } from 'typeorm';
import type { EventStore } from '#event-store';
import { PROJECTIONS, Projector } from '#read-models';
import { Progress } from '../progress.js';

/** Empties the read models and projects every event again, reporting progress; answers the summary. */
export async function rebuild(store: EventStore, readModels: DataSource, names: string[] | undefined): Promise<string> {
  const unknown = names?.filter((n) => !PROJECTIONS.some((p) => p.name === n)) ?? [];
  if (unknown.length > 0)
    throw new Error(`unknown projection ${unknown.join(', ')}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  const chosen = PROJECTIONS.filter((p) => !names || names.includes(p.name));
  const total = await countEvents(store);
  const progress = new Progress('rebuilding');
  const projected = new Map(chosen.map((p) => [p.name, 0]));
  const projector = new Projector(store, readModels, chosen, {
    batchSize: 5000,
    retryMs: 200,
    onProjected: (name, events) => {
      projected.set(name, (projected.get(name) ?? 0) + events);
      progress.update(Math.min(...projected.values()), total);
    },
  });
  await projector.register();
  await projector.rebuild();
  projector.start();
  try {
    for (;;) {
      const statuses = await projector.status(1);
      if (statuses.every((s) => s.behind === 0)) break;
      const failed = statuses.find((s) => s.lastError);
      if (failed) throw new Error(`projection ${failed.name} failed: ${failed.lastError}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await projector.stop();
  }
  const seconds = progress.finish();
  return `${chosen.map((p) => p.name).join(', ')} rebuilt from ${total} events in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 0.001))} events/s)`;
}

async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  let from = 'start';
  for (;;) {
    const page = await store.readAll({ from, maxCount: 5000 });
    if (page.events.length === 0) return count;
    count += page.events.length;
    from = page.checkpoint;
  }
}
