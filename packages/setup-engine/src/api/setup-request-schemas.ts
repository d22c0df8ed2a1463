import { z } from 'zod';
import { ConnectorKeySchema } from '../manifest';
import { ImportReadingsSchema } from './artifact-reading-schema';
import { ConnectionLabelSchema, maxImportArtifacts, ResourceIdSchema } from './contract-fields';

/** The body of `POST /v1/owner/connections/drafts`: the form's non-secret fields. */
export const DraftRequestSchema = z.strictObject({
  connector: ConnectorKeySchema,
  label: ConnectionLabelSchema.optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
});
export type DraftRequest = z.input<typeof DraftRequestSchema>;

/**
 * The body of `PUT /v1/owner/connections/:id/credential`: the secret fields.
 * Their names come from the connector's manifest; the service checks them.
 */
export const CredentialRequestSchema = z.record(z.string().min(1).max(64), z.string().max(16_384));
export type CredentialRequest = z.input<typeof CredentialRequestSchema>;

/** The body of `POST /v1/owner/connectors/:key/browser-enrollment-shell`. */
export const BrowserShellRequestSchema = z.strictObject({
  label: ConnectionLabelSchema.optional(),
});
export type BrowserShellRequest = z.input<typeof BrowserShellRequestSchema>;

/** Where imported files go: a new source (label suggested by the validator) or an existing connection. */
export const ImportTargetSchema = z.union([
  z.strictObject({ new: z.strictObject({ label: ConnectionLabelSchema.optional() }) }),
  z.strictObject({ connection_id: ResourceIdSchema }),
]);
export type ImportTarget = z.input<typeof ImportTargetSchema>;

/**
 * The body of `POST /v1/owner/uploads/import`. `readings` overrides how the
 * files are read where their validation offered a choice (`{ date_order:
 * 'month_first' }`); a reading left out keeps the validator's pick.
 */
export const ImportRequestSchema = z.strictObject({
  artifact_ids: z.array(ResourceIdSchema).min(1).max(maxImportArtifacts),
  target: ImportTargetSchema,
  readings: ImportReadingsSchema.optional(),
});
export type ImportRequest = z.input<typeof ImportRequestSchema>;
