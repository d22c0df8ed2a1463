import type { Probe, ProbeInput, ProbeResult } from '@conn/connectors';
import { ConnError, isConnError } from '@conn/setup-engine';
import { redactSecrets } from '../shared/redact-secrets';

/**
 * Runs a credential probe with a deadline. The probe gets an AbortSignal that
 * fires at the deadline; if it ignores it, the race still ends the wait.
 * Past the deadline → `probe_timeout`. A probe that rejects did not judge
 * the credential (outage, rate limit, network down, bad API URL): its own
 * `provider_unavailable` or `rate_limited` error passes through with secrets
 * redacted from the message; any other failure becomes `provider_unavailable`
 * without quoting the raw error text, which could carry a URL or a header.
 *
 * @example
 * const result = await runProbe(probe, { fields, secrets, fetch }, 10_000, 'GitHub');
 */
export async function runProbe(
  probe: Probe,
  input: Omit<ProbeInput, 'signal'>,
  timeoutMs: number,
  providerName: string,
): Promise<ProbeResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut(providerName, timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([probe({ ...input, signal: controller.signal }), deadline]);
  } catch (error) {
    if (isConnError(error, 'probe_timeout')) throw error;
    if (controller.signal.aborted) throw timedOut(providerName, timeoutMs);
    if (isConnError(error, 'provider_unavailable') || isConnError(error, 'rate_limited')) {
      throw new ConnError(error.code, redactSecrets(error.message, input.secrets), error.details);
    }
    throw new ConnError(
      'provider_unavailable',
      `conn could not reach ${providerName} to check this credential. Nothing was stored; check the connection settings and try again.`,
      { provider: providerName },
    );
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(providerName: string, timeoutMs: number): ConnError<'probe_timeout'> {
  return new ConnError(
    'probe_timeout',
    `${providerName} did not answer within ${seconds(timeoutMs)}, so the credential could not be checked. Nothing was stored; try again.`,
    { reason: 'timeout', timeout_ms: timeoutMs },
  );
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
