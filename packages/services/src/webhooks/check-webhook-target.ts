import { lookup } from 'node:dns/promises';
import { ConnError } from '@conn/setup-engine';
import { isPrivateAddress } from './is-private-address';

/** Why a webhook URL is refused, as `details.reason` of `webhook_target_not_allowed`. */
export type WebhookTargetRefusal =
  | 'not_a_url'
  | 'scheme'
  | 'credentials_in_url'
  | 'unresolvable'
  | 'private_address';

/** Resolves a host name to every address it has (the system resolver by default). */
export type ResolveHost = (host: string) => Promise<readonly string[]>;

const systemResolve: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

function refuse(reason: WebhookTargetRefusal, message: string): never {
  throw new ConnError('webhook_target_not_allowed', message, { reason });
}

/**
 * Checks a webhook URL: `http` or `https`, no user name or password in it,
 * and — unless the instance allows private targets — a host whose every
 * address is public. Run on registration and again before each attempt,
 * since what a name resolves to can change. Resolves the parsed URL; throws
 * `webhook_target_not_allowed` with `details.reason`.
 *
 * @example
 * const url = await checkWebhookTarget('https://hooks.example/conn', { allowPrivateTargets: false });
 */
export async function checkWebhookTarget(
  value: string,
  options: { readonly allowPrivateTargets: boolean; readonly resolve?: ResolveHost },
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('not_a_url', 'A webhook needs a full URL, like https://hooks.example/conn.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('scheme', 'A webhook URL must start with https:// or http://.');
  }
  if (url.username !== '' || url.password !== '') {
    // conn would store the password in the clear and show it in every list.
    return refuse(
      'credentials_in_url',
      'A webhook URL must not contain a user name or password; verify deliveries with the signing secret instead.',
    );
  }
  if (options.allowPrivateTargets) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly string[];
  try {
    addresses = await (options.resolve ?? systemResolve)(host);
  } catch {
    return refuse('unresolvable', `The webhook's host ${host} could not be resolved.`);
  }
  if (addresses.length === 0) {
    return refuse('unresolvable', `The webhook's host ${host} could not be resolved.`);
  }
  if (addresses.some(isPrivateAddress)) {
    return refuse(
      'private_address',
      `The webhook's host ${host} is on this machine or a private network, which this server does not deliver to.`,
    );
  }
  return url;
}
