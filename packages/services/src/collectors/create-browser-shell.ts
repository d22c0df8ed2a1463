import { BrowserShellRequestSchema, ConnError, type SetupStatus } from '@conn/setup-engine';
import type { z } from 'zod';
import { insertConnection } from '../connections/insert-connection';
import { readSetupStatus } from '../connections/read-setup-status';
import type { ServiceDeps } from '../service-deps';
import { assertSetupAvailable } from '../shared/assert-setup-available';
import { attemptLifetimes, expiresAfter } from '../shared/attempt-lifetimes';
import { writeAuditEvent } from '../shared/audit-event';
import { planFor } from '../shared/plan-for';

/**
 * Creates a browser enrollment shell: a draft for one browser-bound attempt,
 * alive for 2 hours. It turns active only on its first accepted ingest; past
 * its lifetime it reads `expired` and the sweeper retires it.
 *
 * @example
 * const shell = await services.createBrowserShell(ownerId, 'amazon', {});
 */
export async function createBrowserShell(
  deps: ServiceDeps,
  ownerId: string,
  connector: string,
  input: z.input<typeof BrowserShellRequestSchema> = {},
): Promise<SetupStatus> {
  const parsed = BrowserShellRequestSchema.safeParse(input);
  if (!parsed.success) throw new ConnError('invalid_request', 'Only a label may be given.');
  const { manifest } = deps.registry.require(connector);
  if (manifest.setup.modality !== 'browser_bound') {
    throw new ConnError(
      'modality_mismatch',
      `${manifest.name} is not set up through a browser collector.`,
      { connector: manifest.key, modality: manifest.setup.modality },
    );
  }
  const plan = await planFor(deps, ownerId, manifest.key);
  assertSetupAvailable(plan);
  const now = deps.clock();
  return deps.store.transaction(async (trx) => {
    const shell = await insertConnection(
      trx,
      now,
      { type: 'draft_created' },
      {
        ownerId,
        connector: manifest.key,
        modality: 'browser_bound',
        label: parsed.data.label ?? null,
        fields: {},
        unproven: plan.support_state === 'proof_gated',
        expiresAt: expiresAfter(now, attemptLifetimes.browserShellMs),
      },
    );
    await writeAuditEvent(trx, now, {
      ownerId,
      actor: 'owner',
      action: 'enrollment_shell.created',
      connectionId: shell.id,
      details: { connector: manifest.key, expires_at: shell.expires_at },
    });
    return readSetupStatus(deps, trx, ownerId, shell.id);
  });
}
