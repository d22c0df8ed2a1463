import { isOpenRun } from '@conn/setup-engine';
import { countOf } from './count-of';
import { credentialNoun } from './credential-noun';
import { describeMoment } from './describe-moment';
import type { RunSummary, SetupStatus } from './response-types';
import { setupStateSentence } from './setup-state-sentence';

/**
 * Renders a connection's setup status as plain text an agent can relay to
 * the owner: where the setup stands, the run's stage and records so far,
 * when it last synced and syncs next, when its credential expires, and the
 * one repair action when something failed. No secret (a status has none) and
 * no raw vocabulary value.
 *
 * @example
 * await waitForActive(client, connectionId, { onProgress: (s) => console.log(renderSetupStatus(s)) });
 * // github: The first sync is running.
 * // First sync: repositories, 120 records so far.
 */
export function renderSetupStatus(status: SetupStatus): string {
  const name = status.label ?? status.connector;
  const out: string[] = [`${name}: ${setupStateSentence(status.setup_state)}`];
  const account = status.account?.label ?? null;
  if (account !== null && account !== status.label) out.push(`Account: ${account}`);
  if (status.unproven && status.setup_state !== 'active') {
    out.push('This is an unproven attempt: it has not been proven on this server yet.');
  }
  if (status.run !== null && isOpenRun(status.run.status)) {
    out.push(runLine(status.run));
  }
  if (status.records_total > 0) {
    out.push(`Records collected: ${status.records_total.toLocaleString('en-US')}.`);
  }
  if (status.health !== null) out.push(...healthLines(status.health));
  const expiry = expiryLine(status);
  if (expiry !== null) out.push(expiry);
  if (status.remediation !== null) {
    out.push(`To fix it: ${status.remediation.label}. ${status.remediation.description}`);
  }
  if (status.status === 'draft' && status.expires_at !== null && status.setup_state !== 'expired') {
    out.push(`This attempt expires ${describeMoment(status.expires_at)}.`);
  }
  if (status.revoked_at !== null) out.push(`Revoked ${describeMoment(status.revoked_at)}.`);
  return out.join('\n');
}

/** When the provider said the held credential stops working: ahead, or already past. */
function expiryLine(status: SetupStatus, now: Date = new Date()): string | null {
  const { credential } = status;
  if (credential === null || !credential.present || credential.expires_at === null) return null;
  if (status.status === 'revoked') return null;
  const noun = credentialNoun(credential.kind);
  const past = Date.parse(credential.expires_at) <= now.getTime();
  return `The ${noun} ${past ? 'expired' : 'expires'} ${describeMoment(credential.expires_at, now)}.`;
}

function healthLines(health: NonNullable<SetupStatus['health']>): string[] {
  const lines = [
    health.last_success_at === null
      ? 'No sync has succeeded yet.'
      : `Last synced ${describeMoment(health.last_success_at)}.`,
  ];
  if (health.consecutive_failures > 0) {
    const failures = health.consecutive_failures;
    lines.push(failures === 1 ? 'The last sync failed.' : `The last ${failures} syncs failed.`);
  }
  if (health.next_sync_at !== null) lines.push(`Next sync ${describeMoment(health.next_sync_at)}.`);
  return lines;
}

function runLine(run: RunSummary): string {
  const what = run.kind === 'import' ? 'Import' : run.kind === 'sync' ? 'Sync' : 'First sync';
  if (run.status === 'queued') return `${what}: waiting to start.`;
  // Stage names are short machine words (`activity_segments`): shown as words.
  const stage = run.stage === null ? 'started' : run.stage.replace(/[_-]+/g, ' ');
  return `${what}: ${stage}, ${countOf(run.records_accepted, 'records')} so far.`;
}
