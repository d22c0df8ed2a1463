import { describeMoment } from '@conn/sdk';
import { Command, InvalidArgumentError, Option } from 'commander';
import { examples, type OpenContext } from './open-context';

const jsonHelp = 'print the REST response as JSON';

function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 365) {
    throw new InvalidArgumentError('Give a whole number of days from 1 to 365.');
  }
  return days;
}

/**
 * `conn tokens create|list|revoke`: the owner's agent tokens, for an AI
 * assistant that starts setups and reads status but never sees a secret.
 * Needs `conn login` (owner session).
 *
 * @example
 * program.addCommand(tokensCommand(open));
 */
export function tokensCommand(open: OpenContext): Command {
  const tokens = new Command('tokens')
    .description('manage owner-agent tokens (for assistants: setups and status, never secrets)')
    .addHelpText(
      'after',
      examples(
        'conn tokens create --name assistant',
        'conn tokens list',
        'conn tokens revoke agt_01J9Z…',
      ),
    );

  tokens
    .command('create')
    .description('create an owner-agent token; it is shown once')
    .requiredOption('--name <name>', 'what the token is for, e.g. the assistant using it')
    .addOption(
      new Option(
        '--expires-in-days <days>',
        'stop working by itself after this many days (1–365)',
      ).argParser(parseDays),
    )
    .option('--json', jsonHelp)
    .addHelpText(
      'after',
      examples(
        'conn tokens create --name assistant',
        'conn tokens create --name trial --expires-in-days 30',
      ),
    )
    .action(
      async (
        options: { name: string; expiresInDays?: number; json?: boolean },
        command: Command,
      ) => {
        const context = open(command);
        const owner = await context.ownerClient();
        const created = await owner.createAgentToken(options.name, {
          signal: context.signal,
          ...(options.expiresInDays === undefined ? {} : { expiresInDays: options.expiresInDays }),
        });
        if (options.json) return context.out.json(created);
        const expiry =
          created.agent_token.expires_at === null
            ? ''
            : `; it expires ${describeMoment(created.agent_token.expires_at)}`;
        context.out.line(
          `Created ${created.agent_token.name} (${created.agent_token.id})${expiry}.`,
        );
        context.out.line(
          'The token, shown this once; give it to the assistant, which sends it with each call:',
        );
        context.out.line(`  ${created.token}`);
      },
    );

  tokens
    .command('list')
    .description('list owner-agent tokens (never the tokens themselves)')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn tokens list', 'conn tokens list --json'))
    .action(async (options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const found = await (await context.ownerClient()).agentTokens({ signal: context.signal });
      if (options.json) return context.out.json({ agent_tokens: found });
      if (found.length === 0) context.out.line('No owner-agent tokens.');
      for (const token of found) {
        const lastUse = `last used ${token.last_used_at === null ? 'never' : describeMoment(token.last_used_at)}`;
        const state =
          token.revoked_at !== null
            ? `revoked ${describeMoment(token.revoked_at)}`
            : token.expires_at === null
              ? lastUse
              : Date.parse(token.expires_at) <= Date.now()
                ? `expired ${describeMoment(token.expires_at)}`
                : `${lastUse}, expires ${describeMoment(token.expires_at)}`;
        context.out.line(
          `${context.out.style('bold', token.name)}  ${token.id}  created ${describeMoment(token.created_at)}, ${state}`,
        );
      }
    });

  tokens
    .command('revoke')
    .description('revoke an owner-agent token; it stops working at once')
    .argument('<token-id>', 'the token id, as `conn tokens list` shows it')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn tokens revoke agt_01J9Z…'))
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const revoked = await (await context.ownerClient()).revokeAgentToken(id, {
        signal: context.signal,
      });
      if (options.json) return context.out.json({ agent_token: revoked });
      context.out.line(`Revoked ${revoked.name} (${revoked.id}).`);
    });

  return tokens;
}
