import type { Readable } from 'node:stream';
import type { ArtifactReading, Manifest, SecretBundle } from '@conn/setup-engine';

/**
 * The contracts a connector implementation satisfies. A connector's folder
 * adds a probe, collector, upload validator or importer by implementing one of
 * these; the registry hands it to the server, and no surface changes.
 *
 * Every implementation gets its provider base URL from the manifest or from a
 * non-secret connection field (API URL, IMAP host), and its network access
 * through the `fetch` it is given, so tests point the real code at loopback
 * fakes without a test-only branch.
 */

/** The `fetch` an implementation must use instead of the global one. */
export type FetchFunction = typeof globalThis.fetch;

/** Non-secret field values of a connection (API URL, IMAP host, account email), by field name. */
export type ConnectionFields = Readonly<Record<string, string>>;

/** Record counts per stream name, e.g. `{ repositories: 12, starred: 40 }`. */
export type StreamCounts = Readonly<Record<string, number>>;

/**
 * One collected record. It carries the field its stream's manifest names as
 * `record_key`, so re-ingesting it is an idempotent upsert.
 */
export type CollectedRecord = Readonly<Record<string, unknown>>;

/** Who a credential or an export belongs to, echoed as the connection's default label. */
export interface AccountIdentity {
  /** Stable provider-side id (a user id, a mailbox address); never a secret. */
  account_id: string;
  /** What the owner recognises: `octocat`, `me@example.com`. */
  label: string;
}

/** What a probe is given: the fields the owner entered, split into metadata and sealed secrets. */
export interface ProbeInput {
  fields: ConnectionFields;
  secrets: SecretBundle;
  /** Aborted when the server's probe deadline (≤ 10 s) passes. */
  signal: AbortSignal;
  fetch: FetchFunction;
}

/**
 * The probe's answer. A rejection `message` is owner-facing, names the
 * provider and never quotes a secret: "GitHub rejected this token (401)."
 */
export type ProbeResult =
  | {
      ok: true;
      identity: AccountIdentity;
      /**
       * When the provider said this credential stops working by itself (ISO
       * 8601), null when it said it does not; absent when it does not say.
       */
      credential_expires_at?: string | null;
    }
  | { ok: false; message: string };

/**
 * Checks a static-secret credential against the provider before it is stored,
 * which makes the connector's validation mode `synchronous`. A provider that
 * refuses the credential resolves `{ ok: false }`; only an unexpected failure
 * (network, abort) rejects.
 *
 * @example
 * const probe: Probe = async ({ fields, secrets, signal, fetch }) => {
 *   const res = await fetch(`${fields.api_url}/user`, {
 *     headers: { authorization: `Bearer ${secrets.token?.reveal()}` },
 *     signal,
 *   });
 *   if (!res.ok) return { ok: false, message: `GitHub rejected this token (${res.status}).` };
 *   const user = (await res.json()) as { id: number; login: string };
 *   return { ok: true, identity: { account_id: String(user.id), label: user.login } };
 * };
 */
export type Probe = (input: ProbeInput) => Promise<ProbeResult>;

/** Where collected or imported records go. */
export interface RecordSink {
  /**
   * Hands a batch of one stream's records to the server. Resolves once the
   * batch is accepted; the first accepted batch is what activates a draft.
   * A `checkpoint` (an opaque cursor, never a secret) is stored with the
   * batch: a run resumed after its server died gets it back as `cursor`.
   */
  emit(stream: string, records: readonly CollectedRecord[], checkpoint?: string): Promise<void>;
  /** Reports progress for setup-status views: a short stage name and the counts so far. */
  progress(stage: string, counts: StreamCounts): void;
}

/** What a collector is given for one run. */
export interface CollectorInput extends RecordSink {
  fields: ConnectionFields;
  /** The sealed credential (static secret, OAuth tokens); empty for a local collector. */
  secrets: SecretBundle;
  /** Aborted when the run is cancelled or the connection is revoked. */
  signal: AbortSignal;
  fetch: FetchFunction;
  /**
   * The last checkpoint this run stored before its previous attempt stopped
   * (a crash, a shutdown): resume after it. Null on a fresh run. A cursor the
   * collector no longer understands should be ignored (start over).
   */
  cursor?: string | null;
  /**
   * Where each stream's last successful sync ended (an ETag, a timestamp, a
   * mailbox UID), as the collector returned them in `syncCursors`; empty on a
   * connection's first sync. A collector reads only what changed after them.
   */
  syncCursors?: Readonly<Record<string, string>>;
}

/** How the owner obtained an imported export. */
export type UploadAcquisition = 'on_device_export' | 'takeout';

/**
 * Where an import's records came from, kept with the run so the owner can
 * tell a phone export from a Takeout archive and see what period it covers.
 */
export interface ImportProvenance {
  /** The detected export format (`timeline_on_device`, `takeout_records`); formats of several files are joined with `+`. */
  format: string;
  acquisition: UploadAcquisition;
  /** First and last record time as ISO 8601, or null when nothing dated was imported. */
  coverage: { from: string; to: string } | null;
}

/** What a finished collection or import reports. */
export interface CollectionResult {
  /** Records emitted per stream during this run. */
  counts: StreamCounts;
  /** For an import: the export's format, how it was obtained and the period it covers. */
  provenance?: ImportProvenance;
  /**
   * Where the next sync of each stream starts; stored when the run succeeds
   * and handed back as `syncCursors`. Opaque to the server, never a secret.
   */
  syncCursors?: Readonly<Record<string, string>>;
  /**
   * When the provider now says the run's credential stops working by itself
   * (ISO 8601), null when it says it does not; absent when this run did not
   * learn it. Stored with the credential when the run succeeds.
   */
  credentialExpiresAt?: string | null;
}

/**
 * Collects a connection's streams: from a provider API (static secret, OAuth)
 * or from the owner's device (local collector). Emits records in batches and
 * resolves with the counts; rejects when the run fails.
 *
 * @example
 * const collector: Collector = async ({ emit, progress }) => {
 *   const repositories = [{ id: 1, full_name: 'octocat/hello' }];
 *   await emit('repositories', repositories);
 *   progress('repositories', { repositories: repositories.length });
 *   return { counts: { repositories: repositories.length } };
 * };
 */
export type Collector = (input: CollectorInput) => Promise<CollectionResult>;

/** One uploaded file: where the server staged it and the name the owner's file had. */
export interface UploadedFile {
  path: string;
  /** The declared file name (`WhatsApp Chat with Family.zip`); never trusted as a path. */
  file_name: string;
}

/** What an upload validator is given. */
export interface UploadValidationInput extends UploadedFile {
  signal: AbortSignal;
  /**
   * A path in the file's own folder where the validator may stage what it
   * read, in a form its importer reads back faster than the file itself, so
   * a large export is parsed once. The server keeps it beside the file and
   * hands it to the importer (`StagedFile.staged`); absent when nothing may
   * be staged. A staging left unfinished must be recognisable as such.
   */
  staging?: string;
}

/**
 * What the validator found in a file, shown to the owner before anything is
 * imported. Duplicate detection is the server's (it compares content hashes),
 * so it is not part of this report.
 */
export interface UploadValidationReport {
  /** False when the file is not an export this connector can import. */
  valid: boolean;
  /** The detected export format (`whatsapp_txt_android`, `timeline_on_device`), or null if unrecognised. */
  format: string | null;
  /** Records the import would produce, per stream. */
  counts: StreamCounts;
  /** First and last record time as ISO 8601, or null when the file holds no dated record. */
  date_range: { from: string; to: string } | null;
  /** True when the file parsed but holds no record. */
  empty: boolean;
  /** True when the newest record is old enough that the owner probably picked an old export. */
  stale: boolean;
  /** Label the import suggests for a new source (`WhatsApp — Family`), or null. */
  suggested_label: string | null;
  /** Owner-facing remedy when the file is invalid: what to export instead, and how. */
  remedy: string | null;
  /**
   * Whose export this is, when the file says (a WhatsApp chat's key and
   * name): a new source imported from it holds that account, so a later
   * export of the same chat imported as another new source is named as the
   * same account.
   */
  identity?: AccountIdentity | null;
  /**
   * Further non-secret facts the validator detected, e.g. `{ date_order: 'day_first' }`
   * for a WhatsApp export, or `{ reason: 'zip_bomb' }` for a refused archive.
   */
  details?: Readonly<Record<string, string | number | boolean | null>>;
  /**
   * Guesses about how to read the file that the owner may change at import,
   * each in owner words with its options (a WhatsApp export's date order).
   * The importer is handed the owner's picks as `UploadImportInput.readings`.
   */
  readings?: readonly ArtifactReading[];
}

/**
 * Inspects a staged upload without importing it. Resolves with a report for
 * any file, including ones it cannot read (`valid: false` with a remedy); only
 * an unexpected failure rejects.
 *
 * @example
 * const validator: UploadValidator = async ({ path, file_name }) => ({
 *   valid: file_name.endsWith('.txt'),
 *   format: 'whatsapp_txt',
 *   counts: { messages: 120 },
 *   date_range: { from: '2024-01-01T09:00:00Z', to: '2024-03-01T18:30:00Z' },
 *   empty: false,
 *   stale: false,
 *   suggested_label: 'WhatsApp — Family',
 *   remedy: null,
 * });
 */
export type UploadValidator = (input: UploadValidationInput) => Promise<UploadValidationReport>;

/** A stored media file's content address, as `BlobSink.put` returns it. */
export interface BlobReference {
  /** Lowercase hex SHA-256 of the content. */
  sha256: string;
  size_bytes: number;
}

/**
 * Why a media-bearing record carries no blob: `deferred` when the export did
 * not include the file (a chat exported without media), `failed` when the
 * file was there but could not be stored.
 */
export type HydrationStatus = 'deferred' | 'failed';

/** What `BlobSink.put` is told about the content it stores. */
export interface BlobPutOptions {
  /** The MIME type guessed from the file name (`image/jpeg`), when known. */
  media_type?: string;
  /** The file's name inside the export; a label, never a path to write to. */
  file_name: string;
}

/**
 * Content-addressed storage for media files an export carries (photos, voice
 * notes). The server implements it; importers stream each file into `put` and
 * store the returned reference on the record instead of the bytes.
 *
 * @example
 * const blob = await blobs.put(entryStream, { media_type: 'image/jpeg', file_name: 'IMG-1.jpg' });
 * await emit('attachments', [{ id, file_name: 'IMG-1.jpg', blob }]);
 */
export interface BlobSink {
  /**
   * Reads `source` to its end and stores it under its SHA-256. Rejects when
   * `source` errors (an archive refused mid-read) or storage fails.
   */
  put(source: Readable, options: BlobPutOptions): Promise<BlobReference>;
}

/** A file an importer reads, with what its validator staged for it. */
export interface StagedFile extends UploadedFile {
  /** The validator's staging (see `UploadValidationInput.staging`) when one was written. */
  staged?: string;
}

/** What an importer is given: every staged file of one submit, which all go to one source. */
export interface UploadImportInput extends RecordSink {
  files: readonly StagedFile[];
  signal: AbortSignal;
  /** Where media files found in the export are stored. */
  blobs: BlobSink;
  /**
   * The owner's picks among the readings the validator offered (reading key →
   * option value); a reading missing here keeps the validator's guess.
   */
  readings?: Readonly<Record<string, string>>;
}

/**
 * Parses validated, staged files into records of the connector's streams.
 * Records from media-bearing exports carry a blob reference or an explicit
 * `hydration_status` (`deferred` or `failed`).
 *
 * @example
 * const importer: UploadImporter = async ({ files, emit }) => {
 *   const messages = files.map((file) => ({ id: file.file_name, text: '…' }));
 *   await emit('messages', messages);
 *   return { counts: { messages: messages.length } };
 * };
 */
export type UploadImporter = (input: UploadImportInput) => Promise<CollectionResult>;

/** The implementations a connector may register; each is optional. */
export interface ConnectorImplementations {
  probe?: Probe;
  collector?: Collector;
  validator?: UploadValidator;
  importer?: UploadImporter;
}

/**
 * A bundled connector as the registry holds it: its parsed manifest and
 * whatever implementations are registered for it.
 *
 * @example
 * const definition = registry.require(key);
 * if (definition.probe) await definition.probe(input);
 */
export interface ConnectorDefinition extends ConnectorImplementations {
  manifest: Manifest;
}
