import { isConnError } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { claudeCodeManifest } from '../src/claude-code/manifest';
import { codexManifest } from '../src/codex/manifest';
import { localCollectorRoot } from '../src/local-collector-root';

const linux = { platform: 'linux', home: '/home/dev' } as const;

describe('localCollectorRoot', () => {
  it("uses the manifest's default for the device's platform, under the home directory", () => {
    expect(localCollectorRoot({}, claudeCodeManifest, linux)).toBe('/home/dev/.claude/projects');
    expect(localCollectorRoot({}, codexManifest, { platform: 'darwin', home: '/Users/dev' })).toBe(
      '/Users/dev/.codex/sessions',
    );
  });

  it('prefers the path the owner set, expanding ~', () => {
    expect(localCollectorRoot({ path: '~/backups/claude' }, claudeCodeManifest, linux)).toBe(
      '/home/dev/backups/claude',
    );
    expect(localCollectorRoot({ path: '/srv/logs/codex' }, codexManifest, linux)).toBe(
      '/srv/logs/codex',
    );
  });

  it('falls back to the default when the path field is blank', () => {
    expect(localCollectorRoot({ path: '  ' }, codexManifest, linux)).toBe(
      '/home/dev/.codex/sessions',
    );
  });

  it('asks for a path on a platform the manifest has no default for', () => {
    const attempt = () =>
      localCollectorRoot({}, codexManifest, { platform: 'aix', home: '/home/dev' });
    expect(attempt).toThrow(/no default log directory on this platform \(aix\)/);
    try {
      attempt();
    } catch (error) {
      expect(isConnError(error, 'invalid_request')).toBe(true);
    }
  });
});
