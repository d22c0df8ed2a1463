import type { ConnectorRegistry } from '@conn/connectors';
import { ConnError } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import type { Enrollment } from '../config/enrollment-store';
import { collectorName } from './collector-name';

/**
 * The enrollments of this device a `conn collector … <name>` command acts
 * on (only the chosen server's, when one was chosen), or an owner-readable
 * error naming the collectors it does hold.
 *
 * @example
 * const matching = await enrollmentsFor(context, registry, collector);
 */
export async function enrollmentsFor(
  context: CliContext,
  registry: ConnectorRegistry,
  name: string,
): Promise<Enrollment[]> {
  const held = await context.enrollments.list();
  const matching = held.filter(
    (enrollment) =>
      collectorName(registry, enrollment.connector) === name &&
      (!context.serverChosen || enrollment.server === context.server),
  );
  if (matching.length > 0) return matching;
  const names = [
    ...new Set(held.map((enrollment) => collectorName(registry, enrollment.connector))),
  ].filter((known) => known !== null);
  throw new ConnError(
    'invalid_request',
    names.length === 0
      ? 'This device holds no collector enrollment yet: run conn collector enroll --code … first.'
      : `This device holds no enrollment for "${name}" here; enrolled collectors: ${names.join(', ')}.`,
  );
}
