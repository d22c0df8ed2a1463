import { join } from 'node:path';
import { z } from 'zod';
import { PrivateJsonFile } from './private-json-file';

/** One collector enrollment held by this device. */
// drift-allow request_shape: the CLI's own config file on the device, not a REST shape.
export const EnrollmentSchema = z.object({
  server: z.string(),
  connector: z.string(),
  connection_id: z.string(),
  run_id: z.string(),
  collector_token: z.string().min(1),
  device_name: z.string(),
  enrolled_at: z.string(),
});
export type Enrollment = z.infer<typeof EnrollmentSchema>;

// drift-allow request_shape: the same config file's envelope.
const EnrollmentsFileSchema = z.object({ enrollments: z.array(EnrollmentSchema) });

/**
 * The collector enrollments of this device, in `<config dir>/enrollments.json`
 * (mode 0600, since each holds a collector token). One entry per connection.
 *
 * @example
 * const store = new EnrollmentStore(configDir(process.env));
 * await store.add({ server, connector, connection_id, run_id, collector_token, device_name, enrolled_at });
 */
export class EnrollmentStore {
  readonly #file: PrivateJsonFile<typeof EnrollmentsFileSchema>;

  constructor(directory: string) {
    this.#file = new PrivateJsonFile(join(directory, 'enrollments.json'), EnrollmentsFileSchema, {
      enrollments: [],
    });
  }

  get path(): string {
    return this.#file.path;
  }

  async list(): Promise<Enrollment[]> {
    return (await this.#file.read()).enrollments;
  }

  /** Adds an enrollment, replacing one for the same connection on the same server. */
  async add(enrollment: Enrollment): Promise<void> {
    const others = (await this.list()).filter(
      (held) =>
        !(held.server === enrollment.server && held.connection_id === enrollment.connection_id),
    );
    await this.#file.write({ enrollments: [...others, enrollment] });
  }
}
