import { type CollectorDevice, describeMoment } from '@conn/sdk';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { examples, type OpenContext } from './open-context';

const jsonHelp = 'print the REST response as JSON';

/**
 * `conn collector devices <connection>` and `conn collector revoke
 * <connection> <device-id>`: the owner's side of device collectors — which
 * devices are enrolled, when each last said it runs and last sent, and
 * revoking one (its collector token stops working at once). Needs `conn login`.
 *
 * @example
 * addCollectorDeviceCommands(collector, open);
 */
export function addCollectorDeviceCommands(collector: Command, open: OpenContext): void {
  collector
    .command('devices')
    .description('list the devices enrolled for a connection, with their last heartbeat and pass')
    .argument('<connection>', 'the connection id, as `conn connections` shows it')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn collector devices con_01J9Z…'))
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const devices = await (await context.ownerClient()).devices(id, { signal: context.signal });
      if (options.json) return context.out.json({ devices });
      if (devices.length === 0) context.out.line('No device has enrolled for this connection.');
      for (const device of devices) printDevice(context, device);
    });

  collector
    .command('revoke')
    .description('revoke one enrolled device: its collector stops working at once, records stay')
    .argument('<connection>', 'the connection id')
    .argument('<device-id>', 'the device id, as `conn collector devices` shows it')
    .option('--json', jsonHelp)
    .addHelpText('after', examples('conn collector revoke con_01J9Z… ctk_01J9Z…'))
    .action(async (id: string, deviceId: string, options: { json?: boolean }, command: Command) => {
      const context = open(command);
      const device = await (await context.ownerClient()).revokeDevice(id, deviceId, {
        signal: context.signal,
      });
      if (options.json) return context.out.json(device);
      context.out.line(
        `Revoked ${device.device_name} (${device.id}): it can no longer send. Enroll it again with a new code to resume.`,
      );
    });
}

function printDevice(context: CliContext, device: CollectorDevice): void {
  const never = (iso: string | null) => (iso === null ? 'never' : describeMoment(iso));
  const state =
    device.revoked_at === null
      ? `last heartbeat ${never(device.last_heartbeat_at)}, last pass ${never(device.last_pass_at)}`
      : `revoked ${describeMoment(device.revoked_at)}`;
  context.out.line(
    `${context.out.style('bold', device.device_name)}  ${device.id}  enrolled ${describeMoment(device.enrolled_at)}, ${state}`,
  );
}
