export * from './types.js';
export * from './errors.js';
export * from './event-store.js';
export * from './hash-chain.js';
export { ChainedEventStore } from './chained-event-store.js';
export type { EventStoreAdapter, SealedEvent, AdapterAppendOutcome } from './adapter.js';
export { eventStoreOn, openEventStore, type EventStoreConfig } from './open-event-store.js';
export { PostgresEventStoreAdapter } from './postgres/postgres-adapter.js';
export { EVENT_STORE_MIGRATIONS, CHECKPOINTS_MIGRATION } from './postgres/migrations.js';
export { EventStoreDbAdapter } from './eventstoredb/eventstoredb-adapter.js';
export { verifyChains, type StoreProblem, type VerificationReport, type VerifyOptions } from './verify-chains.js';
export {
  checkpointHash,
  comparePositions,
  nextStoreHead,
  type SealedCheckpoint,
  type StreamHead,
} from './sealing/store-head.js';
export { SqlCheckpointLog, type CheckpointLog, type CheckpointWithHeads } from './sealing/checkpoint-log.js';
export { sealAll, sealStore, type SealOptions } from './sealing/seal-store.js';
export { DIGEST_FORMAT, DigestSigner, digestProblem, keyIdOf, type StoreDigest } from './sealing/digest.js';
