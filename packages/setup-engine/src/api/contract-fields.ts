import { z } from 'zod';

/**
 * Field rules the contract's shapes share, so a limit is written once:
 * ids in paths and bodies, labels, and the `Idempotency-Key` header.
 */

/** A connection, intent, run, artifact or token id. */
export const ResourceIdSchema = z.string().min(1).max(64);

/** An owner-chosen connection label. */
export const ConnectionLabelSchema = z.string().trim().min(1).max(120);

/** Printable ASCII, 1–255 characters: what retries send in `Idempotency-Key`. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'an idempotency key is 1 to 255 printable ASCII characters');

/** The most records one ingest batch may carry. */
export const maxIngestBatch = 5_000;

/** The most artifacts one import may take. */
export const maxImportArtifacts = 100;

/**
 * A run's error: a snake_case code, never free text. A provider's or
 * collector's message could quote a token or a URL with one in it, so the
 * only thing a failure stores and shows is a code like `credential_rejected`.
 */
export const RunErrorCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);
