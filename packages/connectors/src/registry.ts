import {
  ConnError,
  type ImplementationKind,
  implementationKinds,
  type Manifest,
  type ManifestInput,
  parseManifest,
} from '@conn/setup-engine';
import { distance } from 'fastest-levenshtein';
import type { ConnectorDefinition, ConnectorImplementations } from './implementation';

/** A connector before the registry parsed it: a manifest input and any implementations. */
export interface ConnectorDefinitionInput extends ConnectorImplementations {
  manifest: ManifestInput;
}

const implementationNames = ['probe', 'collector', 'validator', 'importer'] as const;

/**
 * Which of the planner's implementation kinds a definition offers. An upload
 * connector counts as having its `validator` only once its importer is there
 * too: a validator alone would advertise a path that stops after staging.
 */
function offeredKinds(definition: ConnectorDefinition): ImplementationKind[] {
  const offered: Record<ImplementationKind, boolean> = {
    probe: definition.probe !== undefined,
    collector: definition.collector !== undefined,
    validator: definition.validator !== undefined && definition.importer !== undefined,
  };
  return implementationKinds.filter((kind) => offered[kind]);
}

/**
 * The connector catalog the server plans and runs from: every manifest parsed
 * once, in catalog order, with the implementations registered for it.
 *
 * A registry is immutable: `register` returns a new registry and leaves the
 * old one as it was. A registry handed to the planner, a REST plugin or a test
 * therefore never changes under its reader, there is no "frozen yet?" state to
 * get wrong at boot, and tests derive variants without leaking into each other.
 * Manifests are parsed only in `from`; `register` reuses the parsed ones.
 *
 * @example
 * const registry = createBundledRegistry().register('github', { probe, collector });
 * const plans = planCatalog(registry.manifests(), {
 *   deployment,
 *   proofs,
 *   implementations: registry.implementations(),
 * });
 */
export class ConnectorRegistry {
  readonly #definitions: ReadonlyMap<string, Readonly<ConnectorDefinition>>;

  private constructor(definitions: ReadonlyMap<string, Readonly<ConnectorDefinition>>) {
    this.#definitions = definitions;
  }

  /**
   * Parses every manifest with the engine's schema and builds a registry in the
   * given order. Throws `invalid_manifest` naming the bad field of the first
   * bad manifest, and `invalid_manifest` when two manifests share a key.
   *
   * @example
   * const registry = ConnectorRegistry.from([{ manifest: githubManifest }]);
   */
  static from(inputs: readonly ConnectorDefinitionInput[]): ConnectorRegistry {
    const definitions = new Map<string, Readonly<ConnectorDefinition>>();
    for (const { manifest: input, ...implementations } of inputs) {
      const manifest = parseManifest(input);
      if (definitions.has(manifest.key)) {
        throw new ConnError(
          'invalid_manifest',
          `Two connectors in this catalog use the key "${manifest.key}".`,
          { connector: manifest.key },
        );
      }
      definitions.set(manifest.key, Object.freeze({ ...implementations, manifest }));
    }
    return new ConnectorRegistry(definitions);
  }

  /** The connector with this key, or undefined. */
  get(key: string): Readonly<ConnectorDefinition> | undefined {
    return this.#definitions.get(key);
  }

  /**
   * The connector with this key; throws `connector_not_found` when the
   * catalog has none (the REST layer maps it to 404).
   *
   * @example
   * const { manifest, probe } = registry.require(request.params.key);
   */
  require(key: string): Readonly<ConnectorDefinition> {
    const definition = this.#definitions.get(key) ?? this.#byName(key);
    if (definition === undefined) {
      const suggestion = this.#closest(key);
      // The typed name is the caller's input: the answer names only the catalog's connector.
      throw new ConnError(
        'connector_not_found',
        suggestion === null
          ? 'No connector by that name in this catalog.'
          : `No connector by that name in this catalog. Did you mean "${suggestion}"?`,
        suggestion === null ? undefined : { suggestion },
      );
    }
    return definition;
  }

  /** Owners type names as they read them: `GitHub`, `google maps timeline`. */
  #byName(typed: string): Readonly<ConnectorDefinition> | undefined {
    const wanted = normalizeName(typed);
    for (const definition of this.#definitions.values()) {
      const { key, name } = definition.manifest;
      if (normalizeName(key) === wanted || normalizeName(name) === wanted) return definition;
    }
    return undefined;
  }

  /** The key closest to a mistyped one, when it is near enough to be what was meant. */
  #closest(typed: string): string | null {
    const wanted = normalizeName(typed);
    let best: { key: string; distance: number } | null = null;
    for (const { manifest } of this.#definitions.values()) {
      for (const candidate of [manifest.key, manifest.name]) {
        const away = distance(wanted, normalizeName(candidate));
        if (best === null || away < best.distance) best = { key: manifest.key, distance: away };
      }
    }
    return best !== null && best.distance <= Math.max(2, Math.floor(wanted.length / 3))
      ? best.key
      : null;
  }

  /** True when the catalog has a connector with this key. */
  has(key: string): boolean {
    return this.#definitions.has(key);
  }

  /** Connector keys in catalog order. */
  keys(): string[] {
    return [...this.#definitions.keys()];
  }

  /** Parsed manifests in catalog order, ready for `planCatalog`. */
  manifests(): Manifest[] {
    return [...this.#definitions.values()].map((definition) => definition.manifest);
  }

  /**
   * The registered implementation kinds per connector key, as the planning
   * context's `implementations` wants them. Every key is present, with `[]`
   * when nothing is registered.
   */
  implementations(): Record<string, ImplementationKind[]> {
    return Object.fromEntries(
      [...this.#definitions].map(([key, definition]) => [key, offeredKinds(definition)]),
    );
  }

  /**
   * A new registry with these implementations added to one connector. Throws
   * `connector_not_found` for an unknown key, and `internal_error` when an
   * implementation of that kind is already registered: two wirings of one
   * connector are a boot-time bug, not something to settle silently.
   *
   * @example
   * const registry = createBundledRegistry()
   *   .register('whatsapp', { validator: validateWhatsAppExport, importer: importWhatsAppExport });
   */
  register(key: string, implementations: ConnectorImplementations): ConnectorRegistry {
    const current = this.require(key);
    const taken = implementationNames.filter(
      (name) => implementations[name] !== undefined && current[name] !== undefined,
    );
    if (taken.length > 0) {
      throw new ConnError(
        'internal_error',
        `Connector "${key}" already has a registered ${taken.join(' and ')}.`,
        { connector: key, implementations: taken },
      );
    }
    const added = Object.fromEntries(
      implementationNames.flatMap((name) =>
        implementations[name] === undefined ? [] : [[name, implementations[name]]],
      ),
    ) as ConnectorImplementations;
    const definitions = new Map(this.#definitions);
    definitions.set(key, Object.freeze({ ...current, ...added }));
    return new ConnectorRegistry(definitions);
  }
}

/** Case, spaces and underscores do not tell connectors apart. */
function normalizeName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}
