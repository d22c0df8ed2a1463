import { Command, Option } from 'commander';
import type { SameAccountChoice } from '../prompter';
import type { ConnectOptions } from '../steps/connect-options';
import { takeNextStep } from '../steps/take-next-step';
import { nameValueFlag } from './name-value-flag';
import { examples, type OpenContext } from './open-context';
import { parseFieldFlag } from './parse-field-flag';

interface ConnectFlags {
  label?: string;
  unproven?: boolean;
  file?: string[];
  into?: string;
  advanced?: boolean;
  field?: Record<string, string>;
  reading?: Record<string, string>;
  sameAccount?: SameAccountChoice;
  secretStdin?: boolean;
}

/**
 * `conn connect <connector>`: follows the connector's plan on this server —
 * hidden prompts for a credential, an enrollment code and command for a
 * device collector, uploads for an export file, an authorization URL for
 * OAuth — and then the first sync, to "Active — N records collected" or to
 * the failure and its one repair step.
 *
 * @example
 * program.addCommand(connectCommand(open));
 */
export function connectCommand(open: OpenContext): Command {
  return new Command('connect')
    .description('connect a source: follow its setup step, then its first sync')
    .argument('<connector>', 'the connector key, as `conn connectors` lists it')
    .option('--label <label>', 'a name for this source (default: the account it belongs to)')
    .option('--unproven', 'confirm an attempt on a path not yet proven on this server')
    .option('--file <paths...>', 'export file(s) to upload, for connectors set up from a file')
    .option(
      '--into <connection-id>',
      'import the files into this existing source instead of a new one',
    )
    .option(
      '--reading <name=choice>',
      'read the files another way than the upload check guessed, repeatable (its evidence names the choices)',
      nameValueFlag('--reading', 'date_order=month_first'),
    )
    .addOption(
      new Option(
        '--same-account <choice>',
        'when the account is already connected: update that connection, or keep both',
      ).choices(['update', 'keep']),
    )
    .option('--advanced', 'also ask the advanced form fields instead of keeping their defaults')
    .option(
      '--field <name=value>',
      'a non-secret form field, repeatable (skips its prompt)',
      parseFieldFlag,
    )
    .option(
      '--secret-stdin',
      'read each secret field from stdin, one line each; after a rejection, the next lines',
    )
    .addHelpText(
      'after',
      examples(
        'conn connect <connector> --unproven',
        'conn connect <connector> --unproven --advanced   # also asks the advanced fields',
        'printf \'%s\\n\' "$TOKEN" | conn connect <connector> --unproven --secret-stdin',
        'conn connect <connector>                        # a collector: prints the code and device command',
        "conn connect <connector> --file 'export.zip'   # an upload: pick its export file",
        "conn connect <connector> --file 'chat.txt' --reading date_order=month_first",
      ),
    )
    .action(async (key: string, flags: ConnectFlags, command: Command) => {
      const context = open(command);
      const options: ConnectOptions = {
        unproven: flags.unproven === true,
        files: flags.file ?? [],
        advanced: flags.advanced === true,
        fieldValues: flags.field ?? {},
        readings: flags.reading ?? {},
        secretStdin: flags.secretStdin === true,
        ...(flags.label === undefined ? {} : { label: flags.label }),
        ...(flags.into === undefined ? {} : { into: flags.into }),
        ...(flags.sameAccount === undefined ? {} : { sameAccount: flags.sameAccount }),
      };
      const plan = await (await context.client()).plan(key, { signal: context.signal });
      await takeNextStep(context, plan, options);
    });
}
