import type { SetupPlan } from '@conn/sdk';
import { ConnError } from '@conn/setup-engine';
import { Command } from 'commander';
import { examples, type OpenContext } from './open-context';

type AuthorizationDescriptor = Extract<
  SetupPlan['descriptor'],
  { modality: 'provider_authorization' }
>['authorization'];

/**
 * `conn deployment provider-app <group>`: the operator's step that unblocks
 * the connectors signing in through a provider OAuth app. Without
 * `--client-id` it prints the redirect URI to register at the provider;
 * with it, it asks the client secret with a hidden prompt (or reads it
 * from stdin), stores the app (the secret sealed on the server) and prints
 * the redirect URI again.
 *
 * @example
 * program.addCommand(deploymentCommand(open));
 */
export function deploymentCommand(open: OpenContext): Command {
  const deployment = new Command('deployment').description(
    "the server operator's settings: provider OAuth apps",
  );
  deployment
    .command('provider-app')
    .description('register a provider OAuth app: shows the redirect URI, then stores the app')
    .argument('<group>', 'the provider app, as the plan or `conn readiness` names it')
    .option('--client-id <id>', 'the client ID the provider gave the app')
    .option('--instance-url <url>', 'the provider instance, for self-managed providers')
    .option('--secret-stdin', 'read the client secret from stdin (for scripts)')
    .option('--json', 'print the stored provider app as JSON')
    .addHelpText(
      'after',
      examples(
        'conn deployment provider-app <group>',
        'conn deployment provider-app <group> --client-id 0f3a…',
      ),
    )
    .action(
      async (
        group: string,
        options: { clientId?: string; instanceUrl?: string; secretStdin?: boolean; json?: boolean },
        command: Command,
      ) => {
        const context = open(command);
        const owner = await context.ownerClient();
        const app = appOf(await owner.connectors({ signal: context.signal }), group);
        const { out } = context;
        const register =
          app.redirect_uri === null
            ? 'This server does not know its public address yet, so there is no redirect URI to register: the operator sets the public origin first.'
            : `Redirect URI to register with the provider: ${app.redirect_uri}`;
        if (options.clientId === undefined) {
          out.line(`${app.provider_app_label}, used by ${app.usedBy}.`);
          out.line(register);
          out.line(
            `Then store its client ID and secret: conn deployment provider-app ${group} --client-id <id>`,
          );
          return;
        }
        const secret = await context
          .prompter({ secretStdin: options.secretStdin === true })
          .clientSecret(`${app.provider_app_label} client secret`);
        const saved = await owner.putProviderApp(
          group,
          {
            client_id: options.clientId,
            client_secret: secret,
            ...(options.instanceUrl === undefined ? {} : { instance_url: options.instanceUrl }),
          },
          { signal: context.signal },
        );
        if (options.json) return out.json(saved);
        out.line(`Stored the ${saved.label} (client ID ${saved.client_id}).`);
        out.line(register);
        out.line(`${app.usedBy} can be connected now: conn connectors`);
      },
    );
  return deployment;
}

/** The provider app a catalog's plans name `group`, with the connectors that use it. */
function appOf(
  entries: readonly { plan: SetupPlan }[],
  group: string,
): AuthorizationDescriptor & { usedBy: string } {
  const users = entries.flatMap(({ plan }) =>
    plan.descriptor.modality === 'provider_authorization' &&
    plan.descriptor.authorization.provider_app_group === group
      ? [{ name: plan.connector.name, authorization: plan.descriptor.authorization }]
      : [],
  );
  const first = users[0];
  if (first === undefined) {
    const known = [
      ...new Set(
        entries.flatMap(({ plan }) =>
          plan.descriptor.modality === 'provider_authorization'
            ? [plan.descriptor.authorization.provider_app_group]
            : [],
        ),
      ),
    ];
    throw new ConnError(
      'connector_not_found',
      known.length === 0
        ? `No connector on this server signs in through a provider app.`
        : `No connector on this server uses a provider app named "${group}"; its provider apps: ${known.join(', ')}.`,
    );
  }
  return { ...first.authorization, usedBy: users.map((user) => user.name).join(', ') };
}
