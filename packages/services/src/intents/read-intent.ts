import {
  type Intent,
  IntentSchema,
  type IntentStatus,
  IntentStatusSchema,
} from '@conn/setup-engine';
import {
  type ConnectionRow,
  findLiveCollectorTokenId,
  getConnection,
  type IntentRow,
} from '@conn/store';
import type { EnrollmentCodeGrant } from '../collectors/enrollment-code-grant';
import { issueEnrollmentCodeIn } from '../collectors/issue-enrollment-code-in';
import type { Actor, ServiceDeps } from '../service-deps';
import { planFor } from '../shared/plan-for';
import { intentBlock } from './intent-block';
import { intentStep } from './intent-step';

/**
 * Builds the read view of a stored intent. With `reissueCode` (an idempotent
 * replay of the request that minted a collector code), a collector draft
 * still waiting for its device gets a fresh code, since the first one was
 * shown once and is stored only as a hash.
 *
 * @example
 * const intent = await readIntent(deps, row, { reissueCode: true, actor });
 */
export async function readIntent(
  deps: ServiceDeps,
  row: IntentRow,
  options: { reissueCode: boolean; actor: Actor },
): Promise<Intent> {
  const { manifest } = deps.registry.require(row.connector);
  const plan = await planFor(deps, row.owner_id, row.connector);
  const now = deps.clock();
  let connection: ConnectionRow | null = null;
  let grant: EnrollmentCodeGrant | null = null;
  if (row.connection_id !== null && !options.reissueCode) {
    connection = await getConnection(deps.store.db, row.connection_id);
  } else if (row.connection_id !== null) {
    const connectionId = row.connection_id;
    const result = await deps.store.transaction(async (trx) => {
      const current = await getConnection(trx, connectionId);
      if (!(await awaitsEnrollment(trx, current, now))) return { current, grant: null };
      return {
        current,
        grant: await issueEnrollmentCodeIn(
          trx,
          now,
          current,
          row.id,
          options.actor,
          deps.deployment.public_origin,
        ),
      };
    });
    connection = result.current;
    grant = result.grant;
  }
  const blocked = row.status === 'blocked';
  const status = statusOf(row, connection, now);
  return IntentSchema.parse({
    intent_id: row.id,
    connector: row.connector,
    status,
    connection_id: row.connection_id,
    plan,
    next_step: intentStep({
      plan,
      manifest,
      origin: deps.deployment.public_origin,
      intentId: row.id,
      connection,
      grant,
      blocked,
    }),
    blocked: blocked ? blockedNow(plan, row) : null,
    created_at: row.created_at,
  } satisfies Intent);
}

function statusOf(row: IntentRow, connection: ConnectionRow | null, now: Date): IntentStatus {
  const stored = IntentStatusSchema.parse(row.status);
  if (connection === null) return stored;
  if (connection.status === 'active') return 'completed';
  const ranOut =
    connection.status === 'draft' &&
    (connection.retired_at !== null ||
      (connection.expires_at !== null && Date.parse(connection.expires_at) <= now.getTime()));
  return ranOut ? 'expired' : stored;
}

/** Why a stored blocked intent is blocked, restated from the current plan. */
function blockedNow(plan: Intent['plan'], row: IntentRow): Intent['blocked'] {
  return (
    intentBlock(plan, row.unproven === 1) ?? {
      code: 'setup_not_available',
      message: 'This intent was blocked when it was made. Start a new one to go ahead now.',
    }
  );
}

async function awaitsEnrollment(
  db: Parameters<typeof issueEnrollmentCodeIn>[0],
  connection: ConnectionRow,
  now: Date,
): Promise<boolean> {
  if (connection.modality !== 'local_collector') return false;
  if (connection.retired_at !== null || connection.status === 'revoked') return false;
  if (connection.status === 'active') return false;
  if (connection.expires_at !== null && Date.parse(connection.expires_at) <= now.getTime()) {
    return false;
  }
  return (await findLiveCollectorTokenId(db, connection.id)) === undefined;
}
