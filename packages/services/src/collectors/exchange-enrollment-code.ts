import { ConnError, EnrollRequestSchema } from '@conn/setup-engine';
import {
  hashToken,
  insertCollectorToken,
  newId,
  newToken,
  spendEnrollmentCode,
  tokenPrefixes,
} from '@conn/store';
import { guardAttempt } from '../attempts/guard-attempt';
import { loadConnection } from '../connections/load-connection';
import { raiseEvent } from '../events/raise-event';
import { openDeviceRunIn } from '../runs/open-device-run-in';
import type { ServiceDeps } from '../service-deps';
import { applyTransition } from '../shared/apply-transition';
import { writeAuditEvent } from '../shared/audit-event';
import { changedConcurrently } from '../shared/changed-concurrently';
import { normalizeEnrollmentCode } from './enrollment-code';
import { stopCollection } from './stop-collection';

/** What an enrolled device receives, once. */
export interface CollectorEnrollment {
  /** Plaintext bearer token for this device; only its hash is stored. */
  collector_token: string;
  token_id: string;
  connection_id: string;
  connector: string;
  /** The run the collector reports its first (or next) collection under. */
  run_id: string;
}

/**
 * Exchanges a one-time enrollment code for a collector token bound to the
 * code's connection. Exactly once: the code is spent by a conditional update
 * on `used_at`, so of two devices racing with one code only one enrolls. An
 * unknown, expired, used or retired code — or one whose setup has since ended
 * — is `enrollment_code_invalid`, without saying which. The new token replaces
 * any earlier collector of the connection, other open codes are retired, and
 * a run is opened for the collector to report under. Guesses are limited per
 * client address (`rate_limited`); a code that enrolls forgets them.
 *
 * @example
 * const { collector_token, run_id } = await services.exchangeEnrollmentCode('7KQ2-M9XD-4T0B', 'laptop', ip);
 */
export async function exchangeEnrollmentCode(
  deps: ServiceDeps,
  code: string,
  deviceName: string,
  client: string,
): Promise<CollectorEnrollment> {
  const parsed = EnrollRequestSchema.safeParse({ code, device_name: deviceName });
  const codeProblem = parsed.error?.issues.some((issue) => issue.path[0] === 'code') ?? false;
  if (!parsed.success && !codeProblem) {
    // A bad device name guesses nothing: refused without being counted.
    throw new ConnError('invalid_request', 'Give the device a name of 1 to 100 characters.');
  }
  return guardAttempt(deps, 'enrollment_code', client, async () => {
    const normalized = parsed.success ? normalizeEnrollmentCode(parsed.data.code) : null;
    if (!parsed.success || normalized === null) throw invalidCode();
    return enroll(deps, normalized, parsed.data.device_name);
  });
}

async function enroll(
  deps: ServiceDeps,
  normalized: string,
  device: string,
): Promise<CollectorEnrollment> {
  const now = deps.clock();
  const stamp = now.toISOString();
  return deps.store.transaction(async (trx) => {
    const spent = await spendEnrollmentCode(trx, hashToken(normalized), now);
    if (spent === undefined) throw invalidCode();
    const connection = await loadConnection(trx, spent.connection_id);
    if (connection.retired_at !== null || connection.status === 'revoked') throw invalidCode();
    const firstSetup = connection.status === 'draft';
    const intentContext = spent.intent_id === null ? {} : { intent_id: spent.intent_id };
    raiseEvent(trx, connection.owner_id, now, {
      type: 'enrollment_code_exchanged',
      connector: connection.connector,
      connection_id: connection.id,
      ...intentContext,
    });
    // Enrolling hands the connection its collector's credential: the engine decides if it may take one.
    const { changed } = await applyTransition(
      trx,
      connection,
      { type: 'credential_captured' },
      now,
      {
        source_binding: device,
        expires_at: firstSetup ? null : connection.expires_at,
        // The device is the collector's identity: it tells two connections of one connector apart.
        account_label: device,
      },
      // A re-enrollment replaces the previous device's token.
      { rotated: !firstSetup, ...intentContext },
    );
    if (!changed) throw changedConcurrently();
    // One device per enrollment: a new exchange ends the previous device's token and codes.
    await stopCollection(trx, connection.id, now, { cancelRuns: null });
    const token = newToken(tokenPrefixes.collector);
    const tokenId = newId('ctk');
    await insertCollectorToken(trx, {
      id: tokenId,
      connection_id: connection.id,
      token_hash: hashToken(token),
      device_name: device,
      created_at: stamp,
      last_used_at: null,
      revoked_at: null,
    });
    const run = await openDeviceRunIn(
      trx,
      now,
      connection,
      firstSetup ? 'first_sync' : 'sync',
      tokenId,
      spent.intent_id,
    );
    await writeAuditEvent(trx, now, {
      ownerId: connection.owner_id,
      actor: `collector:${tokenId}`,
      action: 'collector.enrolled',
      connectionId: connection.id,
      details: { device_name: device, run_id: run.id, first_setup: firstSetup },
    });
    return {
      collector_token: token.reveal(),
      token_id: tokenId,
      connection_id: connection.id,
      connector: connection.connector,
      run_id: run.id,
    };
  });
}

function invalidCode(): ConnError<'enrollment_code_invalid'> {
  return new ConnError(
    'enrollment_code_invalid',
    'This enrollment code is not valid: it may be mistyped, used already, or expired. Get a new code from the console.',
  );
}
