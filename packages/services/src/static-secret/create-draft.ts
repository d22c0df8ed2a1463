import {
  ConnError,
  type DraftRequest,
  DraftRequestSchema,
  describeIssues,
  type SetupStatus,
} from '@conn/setup-engine';
import { insertConnection } from '../connections/insert-connection';
import { readSetupStatus } from '../connections/read-setup-status';
import type { ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { planFor } from '../shared/plan-for';
import { parseDraftFields } from './credential-fields';

/**
 * Creates a static-secret draft with the form's non-secret fields (API URL,
 * account email). Fails closed with `credential_key_unavailable` before any
 * row is written when the server has no credential key; refuses a connector
 * of another modality (`modality_mismatch`) and unknown, secret or missing
 * required fields (`invalid_request`). A draft of a connector with no proof
 * yet is marked `unproven`: the owner-only form is the explicit step.
 *
 * @example
 * const status = await services.createDraft(ownerId, { connector: 'github', fields: {} });
 * // status.setup_state === 'awaiting_credential'
 */
export async function createDraft(
  deps: ServiceDeps,
  ownerId: string,
  input: DraftRequest,
): Promise<SetupStatus> {
  const parsed = DraftRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConnError('invalid_request', describeIssues(parsed.error.issues).join('; '));
  }
  const request = parsed.data;
  // Before anything else that could write: no key, no draft.
  deps.vault.assertAvailable();
  const { manifest } = deps.registry.require(request.connector);
  const { setup } = manifest;
  if (setup.modality !== 'static_secret') {
    throw new ConnError(
      'modality_mismatch',
      `${manifest.name} is not set up with a pasted credential; follow its plan instead.`,
      { connector: manifest.key, modality: setup.modality },
    );
  }
  const plan = await planFor(deps, ownerId, manifest.key);
  assertSetupAvailable(plan);
  const fields = parseDraftFields(setup, request.fields);
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const draft = await insertConnection(
      trx,
      now,
      { type: 'draft_created' },
      {
        ownerId,
        connector: manifest.key,
        modality: setup.modality,
        label: request.label ?? null,
        fields,
        unproven: plan.support_state === 'proof_gated',
        expiresAt: expiresAfter(now, attemptLifetimes.staticSecretDraftMs),
      },
    );
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'draft.created',
      connectionId: draft.id,
      details: { connector: manifest.key, unproven: plan.support_state === 'proof_gated' },
    });
    return readSetupStatus(deps, trx, ownerId, draft.id);
  });
}
