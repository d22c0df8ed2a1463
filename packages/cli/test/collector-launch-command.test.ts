import { describe, expect, it } from 'vitest';
import { collectorLaunchCommand } from '../src/collector-service/collector-launch-command';

describe('the command a collector service starts conn with', () => {
  it('is the running node, its flags and script when conn is installed', () => {
    expect(
      collectorLaunchCommand(
        ['/usr/bin/node', '--no-warnings'],
        '/usr/lib/node_modules/@conn/cli/dist/conn.js',
        'https://conn.example.com',
      ),
    ).toEqual(['/usr/bin/node', '--no-warnings', '/usr/lib/node_modules/@conn/cli/dist/conn.js']);
  });

  it("is the server's CLI through the npx next to node when conn runs from npx's cache, which may be cleared", () => {
    expect(
      collectorLaunchCommand(
        ['/opt/node/bin/node'],
        '/home/me/.npm/_npx/3f2a9c/node_modules/@conn/cli/dist/conn.js',
        'https://conn.example.com',
      ),
    ).toEqual(['/opt/node/bin/npx', '-y', 'https://conn.example.com/cli/conn-cli.tgz']);
  });
});
