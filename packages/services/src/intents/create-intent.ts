import { createHash } from 'node:crypto';
import { ConnError, describeIssues, IdempotencyKeySchema } from '@conn/setup-engine';
import {
  findIntentByIdempotencyKey,
  type IntentRow,
  insertIntentOnce,
  linkIntentConnection,
  newId,
} from '@conn/store';
import { type EnrollmentCodeGrant, startEnrollmentIn } from '../collectors/mint-enrollment-code';
import { loadOwnedConnection } from '../connections/owned-connection';
import { reconnectIn } from '../connections/reconnect-connection';
import type { Actor, ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { planFor } from '../shared/plan-for';
import { readIntent } from './get-intent';
import { intentBlock } from './intent-block';
import {
  type Intent,
  type IntentNextStep,
  type IntentRequest,
  IntentRequestSchema,
  IntentSchema,
  type IntentStatus,
} from './intent-schema';
import { intentStep } from './intent-step';

/**
 * Records an owner's (or owner agent's) intent to connect a connector and
 * answers with the plan and the one next step. It never writes an active
 * connection. A local-collector intent mints the draft and a one-time
 * enrollment code, and its next step carries the code and the exact
 * `conn collector enroll --code …` command; a reconnect intent lands on the
 * named connection's own step.
 *
 * The intent is `blocked` — stored and returned, nothing materialized — when
 * the plan cannot run here (missing implementation or deployment config), or
 * when the path is proof-gated and the request did not confirm the unproven
 * attempt with `unproven: true` (`blocked.code` is
 * `unproven_path_not_confirmed`; the plan's proof gate says why). Agents can
 * therefore show the owner what is missing instead of handling an error.
 *
 * With an idempotency key, the same key and body return the same intent
 * (a collector code, shown only once, is re-issued for the same draft), and
 * the same key with another body is `idempotency_conflict`. Concurrent calls
 * with one key create one intent: the unique (owner, key) index decides, and
 * the losers read the winner's intent.
 *
 * @example
 * const intent = await services.createIntent(ownerId, 'agent:agt_1', { connector: 'claude-code' }, key);
 * relay(intent.next_step.command); // 'conn collector enroll --code 7KQ2-M9XD-4T0B'
 */
export async function createIntent(
  deps: ServiceDeps,
  ownerId: string,
  actor: Actor,
  body: IntentRequest,
  idempotencyKey?: string | null,
): Promise<Intent> {
  const parsed = IntentRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ConnError('invalid_request', describeIssues(parsed.error.issues).join('; '));
  }
  const request = parsed.data;
  const key = idempotencyKey ?? null;
  if (key !== null && !IdempotencyKeySchema.safeParse(key).success) {
    throw new ConnError(
      'invalid_request',
      'An Idempotency-Key is 1 to 255 visible ASCII characters without spaces.',
    );
  }
  const requestHash = hashRequest(request);
  if (key !== null) {
    const existing = await findByKey(deps, ownerId, key);
    if (existing !== undefined) return replay(deps, existing, requestHash, actor);
  }

  const { manifest } = deps.registry.require(request.connector);
  const plan = await planFor(deps, ownerId, manifest.key);
  const reconnecting = request.reconnect_connection_id !== undefined;
  const blocked = intentBlock(plan, request.unproven === true || reconnecting);
  const now = deps.clock();
  const intentId = newId('int');

  const created = await deps.store.transaction(async (trx) => {
    const status: IntentStatus = blocked === null ? 'pending_owner_action' : 'blocked';
    const row: IntentRow = {
      id: intentId,
      owner_id: ownerId,
      connector: manifest.key,
      label: request.label ?? null,
      reconnect_connection_id: null,
      unproven: request.unproven === true ? 1 : 0,
      status,
      connection_id: null,
      created_by: actor,
      idempotency_key: key,
      request_hash: requestHash,
      created_at: now.toISOString(),
    };
    // The unique (owner_id, idempotency_key) index settles concurrent retries:
    // a loser inserts nothing (and its transaction stays usable) and reads the winner.
    if (!(await insertIntentOnce(trx, row))) return null;

    let step: IntentNextStep;
    let connectionId: string | null = null;
    if (blocked !== null) {
      step = intentStep({
        plan,
        manifest,
        origin: origin(deps),
        intentId,
        connection: null,
        grant: null,
        blocked: true,
      });
    } else if (request.reconnect_connection_id !== undefined) {
      const connection = await loadOwnedConnection(trx, ownerId, request.reconnect_connection_id);
      if (connection.connector !== manifest.key) {
        throw new ConnError(
          'invalid_request',
          `That connection is not a ${manifest.name} connection.`,
        );
      }
      step = await reconnectIn(deps, trx, now, connection, manifest, actor);
      connectionId = connection.id;
    } else if (plan.next_step.materializes === 'enrollment_code') {
      const grant: EnrollmentCodeGrant = await startEnrollmentIn(trx, now, {
        ownerId,
        manifest,
        label: request.label ?? null,
        unproven: plan.support_state === 'proof_gated',
        intentId,
        actor,
      });
      connectionId = grant.connection_id;
      const connection = await loadOwnedConnection(trx, ownerId, grant.connection_id);
      step = intentStep({
        plan,
        manifest,
        origin: origin(deps),
        intentId,
        connection,
        grant,
        blocked: false,
      });
    } else {
      step = intentStep({
        plan,
        manifest,
        origin: origin(deps),
        intentId,
        connection: null,
        grant: null,
        blocked: false,
      });
    }
    if (connectionId !== null) {
      await linkIntentConnection(trx, intentId, {
        connection_id: connectionId,
        reconnect_connection_id: request.reconnect_connection_id ?? null,
      });
    }
    await writeAuditEvent(trx, now, {
      ownerId,
      actor,
      action: 'intent.created',
      connectionId,
      details: {
        intent_id: intentId,
        connector: manifest.key,
        status,
        blocked_by: blocked?.code ?? null,
        idempotent: key !== null,
      },
    });
    return IntentSchema.parse({
      intent_id: intentId,
      connector: manifest.key,
      status,
      connection_id: connectionId,
      plan,
      next_step: step,
      blocked,
      created_at: row.created_at,
    } satisfies Intent);
  });
  if (created !== null) return created;
  // Lost the race for this idempotency key: the winner's intent is committed now.
  const winner = await findByKey(deps, ownerId, key!);
  if (winner === undefined) {
    throw new ConnError('internal_error', 'The intent could not be recorded; try again.');
  }
  return replay(deps, winner, requestHash, actor);
}

async function replay(
  deps: ServiceDeps,
  row: IntentRow,
  requestHash: string,
  actor: Actor,
): Promise<Intent> {
  if (row.request_hash !== requestHash) {
    throw new ConnError(
      'idempotency_conflict',
      'This Idempotency-Key was already used for a different request. Use a new key.',
    );
  }
  return readIntent(deps, row, { reissueCode: true, actor });
}

async function findByKey(
  deps: ServiceDeps,
  ownerId: string,
  key: string,
): Promise<IntentRow | undefined> {
  return findIntentByIdempotencyKey(deps.store.db, ownerId, key);
}

/** A stable hash of the request's meaning, so key reuse with another body is caught. */
function hashRequest(request: ReturnType<typeof IntentRequestSchema.parse>): string {
  const canonical = JSON.stringify([
    request.connector,
    request.label ?? null,
    request.reconnect_connection_id ?? null,
    request.unproven ?? false,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function origin(deps: ServiceDeps): string | null {
  return deps.deployment.public_origin;
}
