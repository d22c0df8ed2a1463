import { ConnectionLabelSchema } from '@conn/setup-engine';
import { z } from 'zod';

/** What minting a local-collector setup takes. */
export const EnrollmentRequestSchema = z.strictObject({
  connector: z.string().min(1),
  label: ConnectionLabelSchema.optional(),
});

export type EnrollmentRequest = z.input<typeof EnrollmentRequestSchema>;
