import { hostname } from 'node:os';
import { ConnApiError } from '@conn/sdk';
import { Command } from 'commander';
import { collectorName } from '../collector/collector-name';
import { enrollmentsFor } from '../collector/enrollments-for';
import { runEnrolledCollector } from '../collector/run-enrolled-collector';
import { sendHeartbeat } from '../collector/send-heartbeat';
import { describeFailure } from '../describe-failure';
import { InterruptedError } from '../interrupted-error';
import { sleep } from '../sleep';
import { addCollectorDeviceCommands } from './collector-devices-commands';
import { addCollectorServiceCommands } from './collector-service-commands';
import { examples, type OpenContext } from './open-context';
import { parseMinutes } from './parse-minutes';

/**
 * `conn collector enroll` and `conn collector run`: the device side of a
 * local-collector setup. Enrolling exchanges the one-time code for a
 * collector token kept in the config dir (mode 0600); running reads the
 * device's files with the bundled collector and sends them, once or every
 * `--interval` minutes until Ctrl-C, with a heartbeat after each pass and
 * between passes.
 *
 * @example
 * program.addCommand(collectorCommand(open));
 */
export function collectorCommand(open: OpenContext): Command {
  const collector = new Command('collector')
    .description('enroll this device and run its collectors (the device side of a setup)')
    .addHelpText(
      'after',
      () =>
        examples(
          'conn collector enroll --code 7KQ2-M9XD-4T0B',
          'conn collector run <collector> --once',
        ) + collectorList(),
    );

  collector
    .command('enroll')
    .description('enroll this device with the one-time code from `conn connect` or the console')
    .requiredOption('--code <code>', 'the one-time enrollment code')
    .option('--device-name <name>', 'how this device is named on the server', hostname())
    .addHelpText(
      'after',
      examples(
        'conn collector enroll --code 7KQ2-M9XD-4T0B',
        'conn collector enroll --code 7KQ2-M9XD-4T0B --device-name work-laptop --server https://conn.example.com',
      ),
    )
    .action(async (options: { code: string; deviceName: string }, command: Command) => {
      const context = open(command);
      const enrolled = await context
        .anonymous()
        .enroll(options.code.trim(), options.deviceName, { signal: context.signal });
      await context.enrollments.add({
        server: context.server,
        connector: enrolled.connector,
        connection_id: enrolled.connection_id,
        run_id: enrolled.run_id,
        collector_token: enrolled.collector_token,
        device_name: options.deviceName,
        enrolled_at: new Date().toISOString(),
      });
      const registry = await bundledRegistry();
      const name = collectorName(registry, enrolled.connector);
      const label = registry.get(enrolled.connector)?.manifest.name ?? enrolled.connector;
      context.out.line(
        `Enrolled ${options.deviceName} for ${label} (connection ${enrolled.connection_id}).`,
      );
      if (name === null) {
        context.out.line(`This conn CLI has no collector for ${label} yet: update it to run one.`);
      } else {
        context.out.line(
          `Now send your data: ${context.out.style('cyan', `conn collector run ${name} --once`)}`,
        );
      }
    });

  collector
    .command('run')
    .description('run an enrolled collector: once, or again every --interval minutes until Ctrl-C')
    .argument(
      '<collector>',
      'the collector to run, as named when this device enrolled (see `conn connectors`)',
    )
    .option('--once', 'collect once and exit')
    .option('--path <dir>', "read this directory instead of the collector's default location")
    .option('--interval <minutes>', 'minutes between runs without --once', parseMinutes, 15)
    .addHelpText(
      'after',
      () =>
        examples(
          'conn collector run <collector> --once',
          'conn collector run <collector> --path ~/backup/sessions --once',
          'conn collector run <collector> --interval 30',
        ) + collectorList(),
    )
    .action(
      async (
        name: string,
        options: { once?: boolean; path?: string; interval: number },
        command: Command,
      ) => {
        const context = open(command);
        const registry = await bundledRegistry();
        const matching = await enrollmentsFor(context, registry, name);
        const runOptions = options.path === undefined ? {} : { path: options.path };
        const pass = async () => {
          for (const enrollment of matching) {
            await runEnrolledCollector(context, registry, enrollment, runOptions);
          }
        };
        /** One heartbeat per enrollment; resolves the shortest cadence the servers asked for. */
        const beat = async () => {
          let everyMs = Number.POSITIVE_INFINITY;
          for (const enrollment of matching) {
            everyMs = Math.min(
              everyMs,
              (await sendHeartbeat(enrollment, context.signal)) ?? everyMs,
            );
          }
          return everyMs;
        };
        if (options.once) {
          await pass();
          await beat();
          return;
        }
        try {
          for (;;) {
            try {
              await pass();
            } catch (error) {
              // A revoked enrollment or a stop ends the loop; anything else waits for the next run.
              if (error instanceof InterruptedError || isRevoked(error)) throw error;
              context.out.fail(describeFailure(error));
            }
            const passEveryMs = options.interval * 60_000;
            const nextPass = Date.now() + passEveryMs;
            context.out.line(
              context.out.style(
                'dim',
                `Next run at ${new Date(nextPass).toLocaleTimeString()} (Ctrl-C stops).`,
              ),
            );
            // Alive between passes too: at least one heartbeat per interval the server asked for.
            for (let left = passEveryMs; left > 0; left = nextPass - Date.now()) {
              const beatEveryMs = await beat();
              await sleep(Math.min(left, beatEveryMs / 2), context.signal);
            }
          }
        } catch (error) {
          if (!(context.signal.reason instanceof InterruptedError && context.signal.aborted)) {
            throw error;
          }
          context.out.line('Stopped.');
        }
      },
    );

  addCollectorServiceCommands(collector, open, bundledRegistry);
  addCollectorDeviceCommands(collector, open);
  return collector;
}

/** The bundled connectors, loaded only by the collector commands: other commands start faster without them. */
async function bundledRegistry() {
  const { createBundledRegistry } = await import('@conn/connectors');
  return createBundledRegistry();
}

/** The collectors this CLI bundles, read from the catalog by `loadCollectorNames` before help is shown. */
let collectorNames: readonly string[] = [];

/**
 * Reads the names of the collectors this CLI bundles from the catalog, so
 * the collector commands' help lists them. Call before parsing a
 * `conn collector …` command line.
 */
export async function loadCollectorNames(): Promise<void> {
  const registry = await bundledRegistry();
  collectorNames = registry
    .manifests()
    .map((manifest) => collectorName(registry, manifest.key))
    .filter((name): name is string => name !== null);
}

function collectorList(): string {
  return collectorNames.length === 0
    ? ''
    : `\nCollectors in this CLI: ${collectorNames.join(', ')}.\n`;
}

function isRevoked(error: unknown): boolean {
  return error instanceof ConnApiError && error.code === 'unauthenticated';
}
