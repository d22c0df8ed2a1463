import { ConnApiError, ConnClient } from '@conn/sdk';
import type { Enrollment } from '../config/enrollment-store';

/**
 * Tells the server this device's collector is running, after every pass and
 * between passes, so a collector with nothing new is not taken for a silent
 * one. Resolves how often the server wants one (milliseconds), or null when
 * it could not be reached this time; a revoked enrollment throws, which ends
 * a running loop.
 *
 * @example
 * const everyMs = await sendHeartbeat(enrollment, context.signal);
 */
export async function sendHeartbeat(
  enrollment: Enrollment,
  signal: AbortSignal,
): Promise<number | null> {
  const client = new ConnClient({ baseUrl: enrollment.server, token: enrollment.collector_token });
  try {
    const beat = await client.heartbeat({ signal });
    return beat.interval_seconds * 1000;
  } catch (error) {
    if (error instanceof ConnApiError && error.code === 'unauthenticated') throw error;
    if (signal.aborted) throw signal.reason;
    // The next pass or heartbeat tries again; a missed one only matters after a whole interval.
    return null;
  }
}
