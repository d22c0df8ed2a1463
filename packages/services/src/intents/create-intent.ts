import {
  ConnError,
  describeIssues,
  IdempotencyKeySchema,
  type Intent,
  type IntentRequest,
  IntentRequestSchema,
  IntentSchema,
  type IntentStatus,
} from '@conn/setup-engine';
import {
  findIntentByIdempotencyKey,
  type IntentRow,
  insertIntentOnce,
  linkIntentConnection,
  newId,
} from '@conn/store';
import { raiseEvent } from '../events/raise-event';
import type { Actor, ServiceDeps } from '../service-deps';
import { writeAuditEvent } from '../shared/audit-event';
import { planFor } from '../shared/plan-for';
import { hashIntentRequest } from './hash-intent-request';
import { intentBlock } from './intent-block';
import { materializeIntentStep } from './materialize-intent-step';
import { replayIntent } from './replay-intent';

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
  const { request, key } = parseIntentRequest(body, idempotencyKey);
  const requestHash = hashIntentRequest(request);
  if (key !== null) {
    const existing = await findIntentByIdempotencyKey(deps.store.db, ownerId, key);
    if (existing !== undefined) return replayIntent(deps, existing, requestHash, actor);
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
    // First, so the draft and code it materializes follow it in the outbox.
    raiseEvent(trx, ownerId, now, {
      type: 'intent_created',
      connector: manifest.key,
      intent_id: intentId,
    });

    const { step, connectionId } = await materializeIntentStep(deps, trx, {
      ownerId,
      actor,
      intentId,
      request,
      plan,
      manifest,
      blocked,
      now,
    });
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
  const winner = await findIntentByIdempotencyKey(deps.store.db, ownerId, key!);
  if (winner === undefined) {
    throw new ConnError('internal_error', 'The intent could not be recorded; try again.');
  }
  return replayIntent(deps, winner, requestHash, actor);
}

/** The request and idempotency key, checked before anything is read or written. */
function parseIntentRequest(
  body: IntentRequest,
  idempotencyKey: string | null | undefined,
): { request: IntentRequest; key: string | null } {
  const parsed = IntentRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ConnError('invalid_request', describeIssues(parsed.error.issues).join('; '));
  }
  const key = idempotencyKey ?? null;
  if (key !== null && !IdempotencyKeySchema.safeParse(key).success) {
    throw new ConnError(
      'invalid_request',
      'An Idempotency-Key is 1 to 255 visible ASCII characters without spaces.',
    );
  }
  return { request: parsed.data, key };
}
