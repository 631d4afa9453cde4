import { readFileSync } from 'node:fs';
import {
  DigestSigner,
  SqlCheckpointLog,
  sealAll,
  verifyChains,
  type EventStore,
  type StoreDigest,
  type VerificationReport,
} from '#event-store';
import { type SqlClient } from '#sql';

/**
 * `cli verify`: every hash chain, the global order against every sealed checkpoint and, with `--against`, against
 * a digest downloaded earlier. Answers the lines to print and whether everything holds.
 */
export async function verify(
  store: EventStore,
  sql: SqlClient,
  options: { against?: string; keyId?: string; onProgress?: (checkedEvents: number) => void } = {},
): Promise<{ report: VerificationReport; lines: string[] }> {
  const against = options.against ? readDigest(options.against) : undefined;
  const report = await verifyChains(store, {
    checkpoints: await SqlCheckpointLog.open(sql),
    against,
    keyId: options.keyId,
    onProgress: options.onProgress,
  });
  return { report, lines: describe(report) };
}

/** `cli digest`: seals every event committed, then signs the last checkpoint with the digest key. */
export async function digest(store: EventStore, sql: SqlClient, keyFile: string): Promise<StoreDigest | null> {
  const checkpoint = await sealAll(store, await SqlCheckpointLog.open(sql));
  return checkpoint ? DigestSigner.fromFile(keyFile).sign(checkpoint) : null;
}

function readDigest(path: string): StoreDigest {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StoreDigest;
  } catch (error) {
    throw new Error(`cannot read the digest ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function describe(report: VerificationReport): string[] {
  const lines: string[] = [];
  const { sealing, digest } = report;
  if (sealing) {
    lines.push(
      sealing.checkpoints === 0
        ? 'no checkpoint sealed yet: a deleted stream or stream tail cannot be detected'
        : `${sealing.sealedEvents} events sealed by ${sealing.checkpoints} checkpoints (last ${sealing.lastSealedAt}); ${sealing.unsealedEvents} since`,
    );
  }
  if (digest) {
    lines.push(
      `digest: checkpoint ${digest.seq} of ${digest.eventCount} events, key ${digest.keyId}: ${digest.holds ? 'the store still holds exactly what it certified' : 'DOES NOT HOLD'}`,
    );
  }
  for (const b of report.broken)
    lines.push(
      `  ${b.stream} revision ${b.revision} (event ${b.eventId}): ${b.reason}${b.detail ? ` (${b.detail})` : ''}`,
    );
  for (const p of report.problems) lines.push(`  ${p.reason}: ${p.detail}`);
  return lines;
}
