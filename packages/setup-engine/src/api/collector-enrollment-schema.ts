import { z } from 'zod';

/**
 * `POST /v1/collector/enroll`: the collector token (returned once, to the
 * device), the draft connection it is bound to and the first run to report on.
 *
 * @example
 * const enrollment = await new ConnClient({ baseUrl }).enroll(code, 'laptop');
 * const collector = client.withToken(enrollment.collector_token);
 */
export const CollectorEnrollmentSchema = z.strictObject({
  collector_token: z.string(),
  connection_id: z.string(),
  connector: z.string(),
  run_id: z.string(),
});
export type CollectorEnrollment = z.infer<typeof CollectorEnrollmentSchema>;
