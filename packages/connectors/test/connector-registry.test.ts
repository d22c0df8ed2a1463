import { isConnError, type ManifestInput } from '@conn/setup-engine';
import { describe, expect, it } from 'vitest';
import { githubManifest } from '../src/github/manifest';
import { ConnectorRegistry } from '../src/index';
import { whatsappManifest } from '../src/whatsapp/manifest';
import { manifestOnlyRegistry, stubImplementations } from './planning-contexts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('ConnectorRegistry', () => {
  it('rejects a bad manifest at construction, naming the connector and the field', () => {
    const bad: ManifestInput = { ...githubManifest, streams: [] };
    const error = thrown(() => ConnectorRegistry.from([{ manifest: bad }]));
    expect(isConnError(error, 'invalid_manifest')).toBe(true);
    expect((error as Error).message).toMatch(/"github".*streams/);
  });

  it('rejects two connectors with one key', () => {
    const error = thrown(() =>
      ConnectorRegistry.from([{ manifest: githubManifest }, { manifest: githubManifest }]),
    );
    expect(isConnError(error, 'invalid_manifest')).toBe(true);
  });

  it('looks connectors up by key, and refuses an unknown one with connector_not_found', () => {
    const registry = manifestOnlyRegistry();
    expect(registry.get('github')?.manifest.name).toBe('GitHub');
    expect(registry.get('nope')).toBeUndefined();
    expect(registry.has('nope')).toBe(false);
    const error = thrown(() => registry.require('nope'));
    expect(isConnError(error, 'connector_not_found')).toBe(true);
    expect((error as Error).message).not.toContain('nope');
  });

  it('finds a connector by its name or key in any case, and suggests the one a typo meant', () => {
    const registry = manifestOnlyRegistry();
    expect(registry.require('GitHub').manifest.key).toBe('github');
    expect(registry.require('Google Maps Timeline').manifest.key).toBe('google-maps-timeline');
    expect(registry.require(' CLAUDE_CODE ').manifest.key).toBe('claude-code');
    const typo = thrown(() => registry.require('githbu'));
    expect(isConnError(typo, 'connector_not_found')).toBe(true);
    expect((typo as Error).message).toBe(
      'No connector by that name in this catalog. Did you mean "github"?',
    );
    expect((typo as { details?: unknown }).details).toEqual({ suggestion: 'github' });
    const far = thrown(() => registry.require('spotify'));
    expect((far as Error).message).toBe('No connector by that name in this catalog.');
  });

  it('returns parsed manifests, with schema defaults filled in', () => {
    const token = manifestOnlyRegistry()
      .manifests()
      .find((manifest) => manifest.key === 'github');
    expect(token?.proofs).toEqual([]);
    expect(token?.setup.modality === 'static_secret' && token.setup.fields[0]?.advanced).toBe(
      false,
    );
  });

  it('lists every connector in implementations(), empty until something is registered', () => {
    const registry = manifestOnlyRegistry();
    expect(Object.values(registry.implementations()).every((kinds) => kinds.length === 0)).toBe(
      true,
    );
    expect(Object.keys(registry.implementations())).toEqual(registry.keys());
  });

  it('registers into a new registry and leaves the original untouched', () => {
    const original = manifestOnlyRegistry();
    const next = original.register('github', {
      collector: stubImplementations.collector,
      probe: stubImplementations.probe,
    });
    expect(next.implementations().github).toEqual(['probe', 'collector']);
    expect(original.implementations().github).toEqual([]);
    expect(next.require('github').collector).toBe(stubImplementations.collector);
    expect(next.require('github').manifest).toBe(original.require('github').manifest);
  });

  it('keeps earlier implementations when more are registered for the same connector', () => {
    const registry = manifestOnlyRegistry()
      .register('github', { collector: stubImplementations.collector })
      .register('github', { probe: stubImplementations.probe });
    expect(registry.require('github').collector).toBe(stubImplementations.collector);
    expect(registry.implementations().github).toEqual(['probe', 'collector']);
  });

  it('refuses to register a second implementation of the same kind', () => {
    const registry = manifestOnlyRegistry().register('github', {
      collector: stubImplementations.collector,
    });
    const error = thrown(() =>
      registry.register('github', { collector: stubImplementations.collector }),
    );
    expect(isConnError(error, 'internal_error')).toBe(true);
    expect((error as Error).message).toContain('collector');
  });

  it('refuses to register for a connector the catalog does not have', () => {
    const error = thrown(() =>
      manifestOnlyRegistry().register('nope', { collector: stubImplementations.collector }),
    );
    expect(isConnError(error, 'connector_not_found')).toBe(true);
  });

  it('offers an upload connector to the planner only once it can both validate and import', () => {
    const { validator, importer } = stubImplementations;
    const registry = ConnectorRegistry.from([{ manifest: whatsappManifest }]);
    expect(registry.register('whatsapp', { validator }).implementations().whatsapp).toEqual([]);
    expect(
      registry.register('whatsapp', { validator, importer }).implementations().whatsapp,
    ).toEqual(['validator']);
  });

  it('accepts implementations given together with the manifest', () => {
    const registry = ConnectorRegistry.from([
      { manifest: githubManifest, collector: stubImplementations.collector },
    ]);
    expect(registry.implementations()).toEqual({ github: ['collector'] });
  });
});
