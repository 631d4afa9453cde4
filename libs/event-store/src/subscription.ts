import type { EventStoreAdapter } from './adapter.js';
import { EventStoreUnavailableError } from './errors.js';
import {
  START,
  type ReadAllResult,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
} from './types.js';

/**
 * Catch-up subscription over any adapter: reads the global order in batches from a checkpoint, hands each batch
 * to the handler, and once caught up sleeps until the adapter signals an append or the poll interval passes.
 * An unavailable store is retried; a handler error ends the subscription.
 */
export function catchUpSubscription(
  adapter: EventStoreAdapter,
  handler: SubscriptionHandler,
  options: SubscribeOptions = {},
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  let stopped = false;
  let signalled = false;
  let wake: (() => void) | undefined;

  const signal = () => {
    signalled = true;
    wake?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  let ahead: Promise<ReadAllResult> | undefined;
  const done = (async () => {
    const unwatch = await adapter.watch(signal);
    try {
      let from = options.from ?? START;
      while (!stopped) {
        signalled = false;
        let read;
        try {
          read = await (ahead ?? adapter.readAll(from, batchSize));
        } catch (error) {
          ahead = undefined;
          if (!(error instanceof EventStoreUnavailableError)) throw error;
          await sleep(pollIntervalMs);
          continue;
        }
        // A full page means more is probably waiting: read the next one while the handler works on this one.
        ahead = read.events.length === batchSize ? adapter.readAll(read.checkpoint, batchSize) : undefined;
        ahead?.catch(() => undefined);
        if (read.events.length > 0) await handler(read.events, read.checkpoint);
        // Some adapters skip their own system events: the checkpoint can move with no event to hand over.
        const moved = read.checkpoint !== from;
        from = read.checkpoint;
        if (!moved && !signalled && !stopped) await sleep(pollIntervalMs);
      }
    } finally {
      await ahead?.catch(() => undefined);
      await unwatch();
    }
  })();

  return {
    done,
    async stop() {
      stopped = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
}
