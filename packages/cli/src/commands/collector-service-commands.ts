import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { ConnectorRegistry } from '@conn/connectors';
import { ConnError } from '@conn/setup-engine';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { enrollmentsFor } from '../collector/enrollments-for';
import { collectorLaunchCommand } from '../collector-service/collector-launch-command';
import type { CollectorServiceSpec } from '../collector-service/collector-service-spec';
import { launchdPlist } from '../collector-service/launchd-plist';
import { runServiceManager } from '../collector-service/run-service-manager';
import { type ServiceLayout, serviceLayout } from '../collector-service/service-layout';
import { systemdUnits } from '../collector-service/systemd-units';
import { examples, type OpenContext } from './open-context';
import { parseMinutes } from './parse-minutes';

/**
 * `conn collector install <collector>` and `conn collector uninstall
 * <collector>`: a user service that runs `conn collector run <collector>
 * --once` every `--interval` minutes — a systemd user timer on Linux, a
 * launchd agent on macOS — written, enabled, and stopped and removed again.
 *
 * @example
 * addCollectorServiceCommands(collector, open, bundledRegistry);
 */
export function addCollectorServiceCommands(
  collector: Command,
  open: OpenContext,
  registry: () => Promise<ConnectorRegistry>,
): void {
  collector
    .command('install')
    .description('run an enrolled collector on a schedule as a user service (systemd, launchd)')
    .argument('<collector>', 'the collector to run, as named when this device enrolled')
    .option('--interval <minutes>', 'whole minutes between runs', parseMinutes, 15)
    .option('--path <dir>', "read this directory instead of the collector's default location")
    .option('--json', 'print what was written and run as JSON')
    .addHelpText(
      'after',
      examples(
        'conn collector install <collector>',
        'conn collector install <collector> --interval 60 --path ~/backup/sessions',
      ),
    )
    .action(
      async (
        name: string,
        options: { interval: number; path?: string; json?: boolean },
        command: Command,
      ) => {
        const context = open(command);
        if (!Number.isInteger(options.interval)) {
          throw new ConnError(
            'invalid_request',
            'Give the interval in whole minutes, e.g. --interval 15.',
          );
        }
        const layout = layoutFor(context, name);
        const bundled = await registry();
        const [enrollment] = await enrollmentsFor(context, bundled, name);
        const label = bundled.get(enrollment?.connector ?? '')?.manifest.name ?? name;
        const spec: CollectorServiceSpec = {
          collector: name,
          label,
          argv: [
            ...collectorLaunchCommand(
              [process.execPath, ...process.execArgv],
              resolve(process.argv[1] ?? ''),
              enrollment?.server ?? context.server,
            ),
            'collector',
            'run',
            name,
            '--once',
            ...(options.path === undefined ? [] : ['--path', resolve(options.path)]),
          ],
          // The service finds this device's enrollment where this command did.
          environment: { CONN_CONFIG_DIR: dirname(context.enrollments.path) },
          intervalMinutes: options.interval,
        };
        for (const file of layout.files) {
          await mkdir(dirname(file.path), { recursive: true });
          await writeFile(file.path, contents(layout, file.role, spec), { mode: 0o644 });
        }
        for (const args of layout.enable) {
          await runServiceManager(layout.command, args, context.io.env);
        }
        const undo = `conn collector uninstall ${name}`;
        if (options.json) {
          return context.out.json({
            collector: name,
            manager: layout.manager,
            service: layout.name,
            files: layout.files.map((file) => file.path),
            command: spec.argv,
            interval_minutes: options.interval,
            ran: layout.enable.map((args) => [layout.command, ...args]),
            undo,
          });
        }
        const { out } = context;
        out.line(
          `Installed ${layout.name}: it runs the ${label} collector every ${options.interval} minutes as a ${layout.manager === 'systemd' ? 'systemd user timer' : 'launchd agent'}.`,
        );
        out.line(`Wrote ${layout.files.map((file) => file.path).join(' and ')}.`);
        out.line(
          `Ran ${layout.enable.map((args) => [layout.command, ...args].join(' ')).join(', then ')}.`,
        );
        if (layout.manager === 'systemd') {
          out.line(
            'It runs while you are logged in; to keep it running after you log out: loginctl enable-linger',
          );
        }
        out.line(`Check on it: ${layout.check}`);
        out.line(`Undo: ${out.style('cyan', undo)}`);
      },
    );

  collector
    .command('uninstall')
    .description('stop and remove the user service `conn collector install` wrote')
    .argument('<collector>', 'the collector whose service to remove')
    .option('--json', 'print what was removed and run as JSON')
    .addHelpText('after', examples('conn collector uninstall <collector>'))
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const layout = layoutFor(context, name);
      // Stopping one that is not loaded fails harmlessly: removing the files is what matters.
      for (const args of layout.disable) {
        await runServiceManager(layout.command, args, context.io.env).catch(() => {});
      }
      const removed: string[] = [];
      for (const file of layout.files) {
        const existed = await rm(file.path).then(
          () => true,
          () => false,
        );
        if (existed) removed.push(file.path);
      }
      for (const args of layout.afterRemove) {
        await runServiceManager(layout.command, args, context.io.env);
      }
      if (options.json) {
        return context.out.json({ collector: name, service: layout.name, removed });
      }
      context.out.line(
        removed.length === 0
          ? `No ${layout.name} service was installed here; nothing to remove.`
          : `Stopped and removed ${layout.name} (${removed.join(' and ')}). The enrollment stays: conn collector run ${name} still works.`,
      );
    });
}

function layoutFor(context: CliContext, name: string): ServiceLayout {
  return serviceLayout(process.platform, context.io.env, name, context.io.env.HOME ?? homedir());
}

function contents(layout: ServiceLayout, role: string, spec: CollectorServiceSpec): string {
  if (layout.manager === 'launchd') return launchdPlist(layout.name, spec);
  const units = systemdUnits(spec);
  return role === 'timer' ? units.timer : units.service;
}
