import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, conn, connArgv, filesUnder, repoRoot, tempDir } from './cli-harness';

// The built binary: tsx's native esbuild refuses to load under a faked Windows.
const built = { built: join(repoRoot, 'packages/cli/dist/conn.js') };

/** A device with one Claude Code enrollment, fake service managers on PATH that record their arguments. */
async function device() {
  const root = await tempDir('conn-collector-service-');
  const home = join(root.path, 'home');
  const xdg = join(root.path, 'xdg');
  const config = join(root.path, 'conn');
  const bin = join(root.path, 'bin');
  const log = join(root.path, 'calls.log');
  await Promise.all([home, xdg, config, bin].map((dir) => mkdir(dir, { recursive: true })));
  await writeFile(
    join(config, 'enrollments.json'),
    JSON.stringify({
      enrollments: [
        {
          server: 'http://127.0.0.1:9',
          connector: 'claude-code',
          connection_id: 'con_1',
          run_id: 'run_1',
          collector_token: 'coc_test',
          device_name: 'laptop',
          enrolled_at: '2026-12-01T10:00:00.000Z',
        },
      ],
    }),
    { mode: 0o600 },
  );
  for (const manager of ['systemctl', 'launchctl']) {
    const script = join(bin, manager);
    await writeFile(script, `#!/bin/sh\necho "${manager} $*" >> '${log}'\n`);
    await chmod(script, 0o755);
  }
  const env = (extra: Record<string, string> = {}) =>
    cliEnv({
      HOME: home,
      XDG_CONFIG_HOME: xdg,
      CONN_CONFIG_DIR: config,
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      ...extra,
    });
  /** Runs the CLI as if on another platform: a preload that sets `process.platform`. */
  const on = async (platform: string) => {
    const preload = join(root.path, `${platform}.mjs`);
    await writeFile(
      preload,
      `Object.defineProperty(process, 'platform', { value: ${JSON.stringify(platform)} });\n`,
    );
    return env({ NODE_OPTIONS: `--import=${preload}` });
  };
  const calls = async () => (await readFile(log, 'utf8').catch(() => '')).trimEnd().split('\n');
  return { root, home, xdg, config, env, on, calls };
}

/** The command the service runs: this same `conn` as the test starts it. */
const runLine = (...args: string[]) =>
  connArgv(['collector', 'run', 'claude-code', '--once', ...args]);

describe('conn collector install / uninstall', () => {
  let d: Awaited<ReturnType<typeof device>>;
  beforeEach(async () => {
    d = await device();
  });
  afterEach(async () => {
    await d.root.dispose();
  });

  it('writes a systemd user service and timer under XDG_CONFIG_HOME, enables it, says how to undo it, and uninstall removes it', async () => {
    const installed = await conn(
      ['collector', 'install', 'claude-code', '--interval', '30', '--path', '/data/sessions'],
      { env: d.env() },
    );
    expect(installed.code, installed.stderr).toBe(0);
    const units = join(d.xdg, 'systemd', 'user');
    const quoted = runLine('--path', '/data/sessions')
      .map((word) => `"${word}"`)
      .join(' ');
    expect(await readFile(join(units, 'conn-collector-claude-code.service'), 'utf8')).toBe(
      '[Unit]\n' +
        'Description=conn collector claude-code: sends Claude Code data from this device\n' +
        '\n[Service]\n' +
        'Type=oneshot\n' +
        `Environment="CONN_CONFIG_DIR=${d.config}"\n` +
        `ExecStart=${quoted}\n`,
    );
    expect(await readFile(join(units, 'conn-collector-claude-code.timer'), 'utf8')).toBe(
      '[Unit]\n' +
        'Description=Run conn collector claude-code every 30 minutes\n' +
        '\n[Timer]\n' +
        'OnActiveSec=1min\n' +
        'OnBootSec=1min\n' +
        'OnUnitActiveSec=30min\n' +
        '\n[Install]\n' +
        'WantedBy=timers.target\n',
    );
    expect(await d.calls()).toEqual([
      'systemctl --user daemon-reload',
      'systemctl --user enable --now conn-collector-claude-code.timer',
    ]);
    expect(installed.stdout).toContain(
      'Installed conn-collector-claude-code.timer: it runs the Claude Code collector every 30 minutes as a systemd user timer.',
    );
    expect(installed.stdout).toContain('Undo: conn collector uninstall claude-code');
    // Nothing lands in HOME when XDG_CONFIG_HOME names the config folder.
    expect(await filesUnder(d.home)).toEqual([]);

    const removed = await conn(['collector', 'uninstall', 'claude-code'], { env: d.env() });
    expect(removed.code, removed.stderr).toBe(0);
    expect(await filesUnder(units)).toEqual([]);
    expect((await d.calls()).slice(2)).toEqual([
      'systemctl --user disable --now conn-collector-claude-code.timer',
      'systemctl --user daemon-reload',
    ]);
    expect(removed.stdout).toContain('Stopped and removed conn-collector-claude-code.timer');
    const again = await conn(['collector', 'uninstall', 'claude-code'], { env: d.env() });
    expect(again.stdout).toBe(
      'No conn-collector-claude-code.timer service was installed here; nothing to remove.\n',
    );
  });

  it('falls back to ~/.config without XDG_CONFIG_HOME, and prints what it did as JSON', async () => {
    const env = d.env();
    delete env.XDG_CONFIG_HOME;
    const installed = await conn(['collector', 'install', 'claude-code', '--json'], { env });
    expect(installed.code, installed.stderr).toBe(0);
    const units = join(d.home, '.config', 'systemd', 'user');
    expect(JSON.parse(installed.stdout)).toEqual({
      collector: 'claude-code',
      manager: 'systemd',
      service: 'conn-collector-claude-code.timer',
      files: [
        join(units, 'conn-collector-claude-code.service'),
        join(units, 'conn-collector-claude-code.timer'),
      ],
      command: runLine(),
      interval_minutes: 15,
      ran: [
        ['systemctl', '--user', 'daemon-reload'],
        ['systemctl', '--user', 'enable', '--now', 'conn-collector-claude-code.timer'],
      ],
      undo: 'conn collector uninstall claude-code',
    });
    const removed = await conn(['collector', 'uninstall', 'claude-code', '--json'], { env });
    expect(JSON.parse(removed.stdout)).toEqual({
      collector: 'claude-code',
      service: 'conn-collector-claude-code.timer',
      removed: [
        join(units, 'conn-collector-claude-code.service'),
        join(units, 'conn-collector-claude-code.timer'),
      ],
    });
  });

  it('writes and loads a launchd agent on macOS, and unloads and removes it', async () => {
    const env = await d.on('darwin');
    const installed = await conn(['collector', 'install', 'claude-code', '--interval', '60'], {
      env,
    });
    expect(installed.code, installed.stderr).toBe(0);
    const plist = join(d.home, 'Library', 'LaunchAgents', 'dev.conn.collector.claude-code.plist');
    expect(await readFile(plist, 'utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
        '<plist version="1.0">\n<dict>\n' +
        '\t<key>Label</key>\n\t<string>dev.conn.collector.claude-code</string>\n' +
        `\t<key>ProgramArguments</key>\n\t<array>\n${runLine()
          .map((word) => `\t\t<string>${word}</string>\n`)
          .join('')}\t</array>\n` +
        `\t<key>EnvironmentVariables</key>\n\t<dict>\n\t\t<key>CONN_CONFIG_DIR</key>\n\t\t<string>${d.config}</string>\n\t</dict>\n` +
        '\t<key>StartInterval</key>\n\t<integer>3600</integer>\n' +
        '\t<key>RunAtLoad</key>\n\t<true/>\n' +
        '</dict>\n</plist>\n',
    );
    expect(await d.calls()).toEqual([`launchctl load -w ${plist}`]);
    expect(installed.stdout).toContain('as a launchd agent');
    const removed = await conn(['collector', 'uninstall', 'claude-code'], { env });
    expect(removed.code, removed.stderr).toBe(0);
    expect(await d.calls()).toEqual([`launchctl load -w ${plist}`, `launchctl unload -w ${plist}`]);
    expect(await filesUnder(join(d.home, 'Library'))).toEqual([]);
  });

  it('says clearly that Windows is not supported yet and what to do instead, and refuses other systems', async () => {
    const windows = await conn(['collector', 'install', 'claude-code'], {
      env: await d.on('win32'),
      launch: built,
    });
    expect(windows.code).toBe(1);
    expect(windows.stderr).toBe(
      'error: Running a collector as a service is not supported on Windows yet. Leave conn collector run claude-code running in a terminal, or schedule conn collector run claude-code --once with Task Scheduler. (invalid_request)\n',
    );
    const freebsd = await conn(['collector', 'install', 'claude-code'], {
      env: await d.on('freebsd'),
      launch: built,
    });
    expect(freebsd.code).toBe(1);
    expect(freebsd.stderr).toMatch(
      /supported on Linux \(systemd\) and macOS \(launchd\), not on freebsd\./,
    );
    expect(await d.calls()).toEqual(['']);
    expect(await filesUnder(d.home)).toEqual([]);
  });

  it('refuses a collector this device did not enroll, before writing anything', async () => {
    const codex = await conn(['collector', 'install', 'codex'], { env: d.env() });
    expect(codex.code).toBe(1);
    expect(codex.stderr).toMatch(
      /no enrollment for "codex" here; enrolled collectors: claude-code\./,
    );
    expect(await filesUnder(d.xdg)).toEqual([]);
  });
});
