import {
  ConnApiError,
  type ConnClient,
  type CredentialField,
  type SetupPlan,
  type SetupStatus,
  sameAccountRefusal,
} from '@conn/sdk';
import { ConnError, type Secret } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import type { Prompter } from '../prompter';
import { StdinExhaustedError } from '../stdin-exhausted-error';
import type { ConnectOptions } from './connect-options';

/**
 * The `capture_static_secret` step: asks the form's non-secret fields
 * (defaults from the descriptor; advanced ones only with `--advanced`),
 * creates the draft, then asks the secret fields with hidden prompts and
 * submits them. When the provider rejects the credential, shows its message
 * and asks the secrets again (a fresh draft, the same non-secret answers).
 * Resolves with the accepted connection's status and echoes its identity.
 * With `connectionId` (a reconnect) it submits to that connection instead.
 *
 * @example
 * const status = await captureStaticSecret(context, plan, options);
 * await followFirstSync(context, owner, status.connection_id, { waiting: 'First sync' });
 */
export async function captureStaticSecret(
  context: CliContext,
  plan: SetupPlan,
  options: ConnectOptions,
  connectionId: string | null = null,
): Promise<SetupStatus> {
  const { out } = context;
  const { descriptor, connector } = plan;
  if (descriptor.modality !== 'static_secret') {
    throw new ConnError('modality_mismatch', `${connector.name} is not set up with a credential.`);
  }
  const plain = descriptor.fields.filter((field) => !field.secret);
  const secret = descriptor.fields.filter((field) => field.secret);
  checkFieldFlags(connector.name, plain, secret, options.fieldValues);
  const owner = await context.ownerClient();
  const prompter = context.prompter({
    fieldValues: options.fieldValues,
    secretStdin: options.secretStdin,
  });

  const fields: Record<string, string> = {};
  if (connectionId === null) {
    for (const field of plain) {
      const value = await prompter.field(field, options.advanced || !field.advanced);
      if (value !== undefined) fields[field.name] = value;
    }
  }
  for (const field of secret) {
    if (field.help !== undefined) out.line(out.style('dim', field.help));
    if (field.help_url !== undefined) {
      out.line(out.style('dim', `Where to get it: ${field.help_url}`));
    }
  }
  const moment = validationMoment(plan);
  if (moment !== null) out.line(moment);

  let rejection: ConnApiError | null = null;
  for (;;) {
    let secrets: Record<string, Secret>;
    try {
      secrets = await askSecrets(prompter, secret);
    } catch (error) {
      // Scripted input ran out after a rejection: the rejection is the real reason.
      if (error instanceof StdinExhaustedError && rejection !== null) throw rejection;
      throw error;
    }
    const target =
      connectionId ??
      (
        await owner.createDraft({
          connector: connector.key,
          ...(options.label === undefined ? {} : { label: options.label }),
          fields,
        })
      ).connection_id;
    try {
      const status = await submitOnce(context, owner, prompter, target, secrets, options);
      const who = status.account?.label ?? null;
      out.line(out.style('green', who === null ? 'Credential accepted.' : `Connected as ${who}.`));
      return status;
    } catch (error) {
      if (!(error instanceof ConnApiError && error.code === 'credential_rejected')) throw error;
      rejection = error;
      out.line(out.style('yellow', `${error.message} Enter it again.`));
    }
  }
}

/**
 * Submits the secrets to the draft. When their account is already connected,
 * the owner decides (`--same-account`, or a prompt): `update` puts them on
 * that connection instead and abandons the draft, `keep` connects the
 * account a second time; a script that did not say is told how to.
 */
async function submitOnce(
  context: CliContext,
  owner: ConnClient,
  prompter: Prompter,
  target: string,
  secrets: Record<string, Secret>,
  options: ConnectOptions,
): Promise<SetupStatus> {
  try {
    return await owner.submitCredential(target, secrets);
  } catch (error) {
    const same = sameAccountRefusal(error);
    if (same === null) throw error;
    const { connectionId: existing, label } = same;
    let choice: Awaited<ReturnType<Prompter['sameAccount']>>;
    try {
      choice = await prompter.sameAccount(label, options.sameAccount);
    } catch (cancelled) {
      await owner.abandonEnrollment(target);
      throw cancelled;
    }
    if (choice === null) {
      await owner.abandonEnrollment(target);
      throw new ConnError(
        'same_account',
        `${same.message} Run it again with --same-account update (that connection gets this credential) or --same-account keep (a second connection).`,
      );
    }
    if (choice === 'keep') return owner.submitCredential(target, secrets, { sameAccount: 'keep' });
    const updated = await owner.submitCredential(existing, secrets);
    await owner.abandonEnrollment(target);
    context.out.line(`Updated the credential of "${label}" (${existing}).`);
    return updated;
  }
}

async function askSecrets(
  prompter: Prompter,
  fields: readonly CredentialField[],
): Promise<Record<string, Secret>> {
  const secrets: Record<string, Secret> = {};
  for (const field of fields) {
    const value = await prompter.secret(field);
    if (value.length > 0) secrets[field.name] = value;
  }
  return secrets;
}

/** `--field` may only name this connector's non-secret fields: secrets never go on a command line. */
function checkFieldFlags(
  name: string,
  plain: readonly CredentialField[],
  secret: readonly CredentialField[],
  values: Readonly<Record<string, string>>,
): void {
  for (const given of Object.keys(values)) {
    if (secret.some((field) => field.name === given)) {
      throw new ConnError(
        'invalid_request',
        `--field ${given} is secret and is never taken from the command line (shell history keeps it): enter it at the prompt or pipe it with --secret-stdin.`,
        { field: given },
      );
    }
    if (!plain.some((field) => field.name === given)) {
      const known = plain.map((field) => field.name).join(', ') || 'none';
      throw new ConnError(
        'invalid_request',
        `${name} has no field "${given}"; its fields are: ${known}.`,
        { field: given },
      );
    }
  }
}

/** When the credential is checked, so the owner knows what happens on submit. */
function validationMoment(plan: SetupPlan): string | null {
  const { name } = plan.connector;
  switch (plan.validation_mode) {
    case 'synchronous':
      return `When you submit, conn checks it with ${name} right away and stores it only if ${name} accepts it.`;
    case 'first_sync':
      return `conn stores it sealed and checks it with ${name} during the first sync.`;
    case null:
    case 'unknown':
      return null;
  }
}
