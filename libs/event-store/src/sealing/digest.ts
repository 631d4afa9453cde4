import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../hash-chain.js';
import type { SealedCheckpoint } from './store-head.js';

export const DIGEST_FORMAT = 'cannatrace-digest/1';

/**
 * What ANSM downloads and keeps: a sealed checkpoint, signed. Verifying the store against it later shows whether
 * any of the `eventCount` events it covers was changed, removed or reordered since.
 */
export interface StoreDigest {
  format: typeof DIGEST_FORMAT;
  checkpoint: SealedCheckpoint;
  issuedAt: string;
  /** Ed25519 public key that signed it (SPKI, DER, base64). */
  publicKey: string;
  /** SHA-256 of the public key (hex): what a reader pins to know the signer. */
  keyId: string;
  /** Ed25519 signature (base64) over the canonical JSON of every other field. */
  signature: string;
}

/** Signs digests with an Ed25519 key kept in a PEM file (created, readable by its owner only, when missing). */
export class DigestSigner {
  private constructor(private readonly privateKey: KeyObject) {}

  static fromFile(path: string): DigestSigner {
    let pem: string;
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      pem = createKeyFile(path);
    }
    return new DigestSigner(createPrivateKey(pem));
  }

  /** A key that lives as long as the process: for tests. */
  static ephemeral(): DigestSigner {
    return new DigestSigner(generateKeyPairSync('ed25519').privateKey);
  }

  get publicKey(): string {
    return createPublicKey(this.privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  }

  get keyId(): string {
    return keyIdOf(this.publicKey);
  }

  sign(checkpoint: SealedCheckpoint, issuedAt: Date = new Date()): StoreDigest {
    const publicKey = this.publicKey;
    const unsigned = {
      format: DIGEST_FORMAT,
      checkpoint,
      issuedAt: issuedAt.toISOString(),
      publicKey,
      keyId: keyIdOf(publicKey),
    } as const;
    const signature = sign(null, Buffer.from(canonicalJson(unsigned)), this.privateKey).toString('base64');
    return { ...unsigned, signature };
  }
}

export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
}

/** Whether a value has the shape of a digest (whatever its signature says). */
export function isDigest(value: unknown): value is StoreDigest {
  const d = value as Partial<StoreDigest> | null;
  const c = d?.checkpoint;
  return (
    d?.format === DIGEST_FORMAT &&
    typeof c === 'object' &&
    c !== null &&
    Number.isSafeInteger(c.seq) &&
    Number.isSafeInteger(c.eventCount) &&
    Number.isSafeInteger(c.streamCount) &&
    typeof c.upTo === 'string' &&
    /^\d{1,20}\/\d{1,20}$/.test(c.upTo) &&
    typeof c.storeHead === 'string' &&
    typeof c.hash === 'string' &&
    typeof d.publicKey === 'string' &&
    typeof d.keyId === 'string' &&
    typeof d.signature === 'string' &&
    typeof d.issuedAt === 'string'
  );
}

/**
 * Why a digest cannot be trusted as given, or null: the shape, the key id, the signature, and (when the reader
 * pinned one) the key. A valid signature shows who issued the digest, nothing more: whoever holds the key can sign
 * another.
 */
export function digestProblem(digest: unknown, pinnedKeyId?: string): string | null {
  if (!isDigest(digest)) return `not a ${DIGEST_FORMAT} document`;
  const d = digest;
  if (d.keyId !== keyIdOf(d.publicKey)) return 'its keyId is not the hash of its public key';
  if (pinnedKeyId && d.keyId !== pinnedKeyId.toLowerCase()) return `signed by key ${d.keyId}, not ${pinnedKeyId}`;
  const { signature, ...unsigned } = d as StoreDigest;
  let valid: boolean;
  try {
    const key = createPublicKey({ key: Buffer.from(d.publicKey, 'base64'), format: 'der', type: 'spki' });
    valid = verify(null, Buffer.from(canonicalJson(unsigned)), key, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  return valid ? null : 'its signature does not match its content';
}

/** Written whole under a private name, then linked into place: a racing process reads a complete key or makes its own. */
function createKeyFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, pem, { mode: 0o600 });
  try {
    linkSync(partial, path);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8');
    throw error;
  } finally {
    unlinkSync(partial);
  }
}
