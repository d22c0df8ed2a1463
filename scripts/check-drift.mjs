#!/usr/bin/env node
/**
 * The drift check: no surface package decides what the setup engine decides.
 *
 * It parses the TypeScript sources (`src/**\/*.{ts,tsx}`, tests excluded) of
 * every package under packages/ and apps/ with the TypeScript compiler and
 * reports each place that
 *
 *   - connector_key:   names a bundled connector key as a word in a string,
 *                      template or JSX text (help text included);
 *   - vocabulary_list: re-declares two or more values of one engine list
 *                      (vocabulary.ts, errors.ts) in an array, a Set or a
 *                      union type;
 *   - connector_map:   keys an object literal by two or more connector keys;
 *   - route_path:      writes a `/v1/…` REST path instead of taking it from
 *                      the engine's contract;
 *   - request_shape:   declares a zod object schema in rest, sdk or cli.
 *
 * @conn/setup-engine and @conn/connectors own the vocabulary and the catalog
 * and are not scanned; @conn/store is not a surface, so only vocabulary_list
 * applies to it. Nothing is hard-coded: connector keys are the folders of
 * packages/connectors/src that hold a manifest.ts, and the lists are every
 * exported `as const` list in the engine's vocabulary.ts and errors.ts.
 * Comments are never scanned, and a `switch` that renders one `case` at a
 * time is not a list.
 *
 * A finding may be allowed, with a reason, by a comment on the line before it:
 *   // drift-allow route_path: the health probe predates the contract
 * An allow without a reason, naming an unknown rule, or allowing nothing is
 * itself reported (rule drift_allow).
 *
 * Usage: node scripts/check-drift.mjs [rootDir]   (exit 1 when drift is found)
 *
 * @example
 * import { findDrift } from './scripts/check-drift.mjs';
 * for (const f of findDrift(process.cwd())) console.log(`${f.file}:${f.line} ${f.rule}`);
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * @typedef {'connector_key' | 'vocabulary_list' | 'connector_map' | 'route_path' | 'request_shape' | 'drift_allow'} DriftRule
 * @typedef {{ file: string, line: number, column: number, rule: DriftRule, message: string }} DriftFinding
 * @typedef {{ name: string, values: ReadonlySet<string> }} Vocabulary
 * @typedef {{ connectorKeys: ReadonlySet<string>, vocabularies: Vocabulary[] }} DriftContext
 */

/** The rules a finding can be allowed under (drift_allow itself cannot be). */
const ALLOWABLE_RULES = new Set([
  'connector_key',
  'vocabulary_list',
  'connector_map',
  'route_path',
  'request_shape',
]);
/** Rules for a surface; request shapes are checked only where requests are made. */
const SURFACE_RULES = ['connector_key', 'vocabulary_list', 'connector_map', 'route_path'];
const REQUEST_SHAPE_PACKAGES = new Set(['packages/rest', 'packages/sdk', 'packages/cli']);
/** Packages that own the vocabulary and the catalog, and so may name them. */
const OWNERS = new Set(['packages/setup-engine', 'packages/connectors']);
/** Not a surface, but it must not copy the vocabulary either. */
const VOCABULARY_ONLY = new Set(['packages/store']);
const SCANNED_GROUPS = ['packages', 'apps'];
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  '__tests__',
  '__fixtures__',
  'test',
  'tests',
  'fixtures',
]);
const SOURCE_FILE = /\.tsx?$/;
const TEST_FILE = /\.(test|spec)\.tsx?$/;
const ZOD_OBJECT_FACTORIES = new Set(['object', 'strictObject', 'looseObject']);
const ROUTE_PATH = /^\/v1(\/|$)/;
/** The engine files whose exported `as const` lists surfaces must import, not copy. */
const ENGINE_LISTS = { vocabulary: 'vocabulary.ts', errors: 'errors.ts' };
/** Lists the plan is built on: if these cannot be read, the reader is broken. */
const REQUIRED_LISTS = ['modalities', 'supportStates'];

/**
 * Connector keys of the bundled catalog: the folders of packages/connectors/src
 * that hold a manifest.ts, so a new connector is covered without editing this file.
 *
 * @param {string} rootDir
 * @returns {string[]}
 */
export function readConnectorKeys(rootDir) {
  const catalogDir = join(rootDir, 'packages', 'connectors', 'src');
  if (!existsSync(catalogDir)) return [];
  return readdirSync(catalogDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(catalogDir, entry.name, 'manifest.ts')),
    )
    .map((entry) => entry.name)
    .sort();
}

/**
 * Every exported `as const` list of the engine's vocabulary.ts and errors.ts:
 * string arrays by their values, string-valued objects (the error catalog) by
 * their keys. Throws when the core lists cannot be found, so renaming or
 * reshaping them cannot silently switch the check off.
 *
 * @param {string} rootDir
 * @returns {Vocabulary[]}
 */
export function readVocabularies(rootDir) {
  const engineDir = join(rootDir, 'packages', 'setup-engine', 'src');
  const vocabularyFile = join(engineDir, ENGINE_LISTS.vocabulary);
  const lists = readConstLists(vocabularyFile);
  for (const name of REQUIRED_LISTS) {
    if (!lists.some((list) => list.name === name)) {
      throw new Error(
        `cannot read the \`${name}\` list (modality and support-state vocabulary) from ${vocabularyFile}`,
      );
    }
  }
  const errorsFile = join(engineDir, ENGINE_LISTS.errors);
  if (existsSync(errorsFile)) {
    const errorLists = readConstLists(errorsFile);
    if (errorLists.length === 0) {
      throw new Error(
        `cannot read the error catalog (an exported \`as const\`) from ${errorsFile}`,
      );
    }
    lists.push(...errorLists);
  }
  return lists;
}

/**
 * @param {string} file
 * @returns {Vocabulary[]}
 */
function readConstLists(file) {
  const source = parse(file, readFileSync(file, 'utf8'));
  /** @type {Vocabulary[]} */
  const lists = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.initializer === undefined) continue;
      const values = constListValues(declaration.initializer);
      if (values !== undefined && values.length >= 2) {
        lists.push({ name: declaration.name.text, values: new Set(values) });
      }
    }
  }
  return lists;
}

/**
 * The values of `[...] as const` (string elements) or `{...} as const` (keys
 * whose values are strings), looking through `satisfies`; undefined otherwise.
 *
 * @param {ts.Expression} initializer
 * @returns {string[] | undefined}
 */
function constListValues(initializer) {
  let expression = initializer;
  let isConst = false;
  while (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
    if (ts.isAsExpression(expression) && ts.isConstTypeReference(expression.type)) isConst = true;
    expression = expression.expression;
  }
  if (!isConst) return undefined;
  if (ts.isArrayLiteralExpression(expression)) {
    const values = expression.elements.filter(ts.isStringLiteralLike).map((e) => e.text);
    return values.length === expression.elements.length ? values : undefined;
  }
  if (ts.isObjectLiteralExpression(expression)) {
    const keys = expression.properties.flatMap((p) =>
      ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer) ? [propertyName(p)] : [],
    );
    return keys.length === expression.properties.length && keys.every(Boolean)
      ? /** @type {string[]} */ (keys)
      : undefined;
  }
  return undefined;
}

/**
 * Source files to scan, each with the rules that apply to its package.
 *
 * @param {string} rootDir
 * @returns {Array<{ path: string, rules: ReadonlySet<DriftRule> }>} absolute paths
 */
export function listScannedSources(rootDir) {
  /** @type {Array<{ path: string, rules: ReadonlySet<DriftRule> }>} */
  const sources = [];
  for (const group of SCANNED_GROUPS) {
    const groupDir = join(rootDir, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      const pkg = `${group}/${entry.name}`;
      if (!entry.isDirectory() || OWNERS.has(pkg)) continue;
      const srcDir = join(groupDir, entry.name, 'src');
      if (!existsSync(srcDir)) continue;
      const rules = new Set(/** @type {DriftRule[]} */ (rulesFor(pkg)));
      for (const path of collectSources(srcDir, [])) sources.push({ path, rules });
    }
  }
  return sources.sort((a, b) => a.path.localeCompare(b.path));
}

/** @param {string} pkg */
function rulesFor(pkg) {
  if (VOCABULARY_ONLY.has(pkg)) return ['vocabulary_list'];
  return REQUEST_SHAPE_PACKAGES.has(pkg) ? [...SURFACE_RULES, 'request_shape'] : SURFACE_RULES;
}

/**
 * @param {string} dir
 * @param {string[]} files
 */
function collectSources(dir, files) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) collectSources(path, files);
    } else if (SOURCE_FILE.test(entry.name) && !TEST_FILE.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/**
 * @param {string} fileName
 * @param {string} text
 */
function parse(fileName, text) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * A connector key as a word: not joined to letters, digits, `_` or `-`, and
 * not part of a dotted name (`api.github.com`, `~/.codex`, `codex.json`).
 *
 * @param {ReadonlySet<string>} keys
 */
function keyWordPattern(keys) {
  if (keys.size === 0) return undefined;
  const alternatives = [...keys]
    .sort((a, b) => b.length - a.length)
    .map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\w.-])(${alternatives.join('|')})(?![\\w-]|\\.\\w)`, 'g');
}

/** @param {ts.ObjectLiteralElementLike} property */
function propertyName(property) {
  const name = property.name;
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return undefined;
}

/**
 * The engine lists that `values` copies two or more entries of; when several
 * do, the ones copied most.
 *
 * @param {readonly string[]} values
 * @param {Vocabulary[]} vocabularies
 */
function copiedLists(values, vocabularies) {
  const distinct = [...new Set(values)];
  const copies = vocabularies
    .map(({ name, values: known }) => ({
      name,
      size: known.size,
      copied: distinct.filter((v) => known.has(v)),
    }))
    .filter(({ copied }) => copied.length >= 2);
  const most = Math.max(0, ...copies.map(({ copied }) => copied.length));
  // One finding per literal: the engine list closest to it (an exact subset the engine names wins).
  const closest = copies
    .filter(({ copied }) => copied.length === most)
    .sort((a, b) => a.size - b.size)[0];
  return closest === undefined
    ? []
    : [{ ...closest, exact: closest.size === distinct.length && closest.size === most }];
}

/**
 * Finds drift in one source text.
 *
 * @param {string} fileName used to tell .tsx from .ts
 * @param {string} source
 * @param {DriftContext} context
 * @param {ReadonlySet<DriftRule>} rules the rules that apply to this file
 * @returns {Array<Omit<DriftFinding, 'file'>>}
 */
export function findDriftInSource(fileName, source, { connectorKeys, vocabularies }, rules) {
  const sourceFile = parse(fileName, source);
  const keyWord = keyWordPattern(connectorKeys);
  const zodNames = zodImportNames(sourceFile);
  /** Property names already reported as part of a connector map. */
  const claimed = new Set();
  /** @type {Array<Omit<DriftFinding, 'file'>>} */
  const findings = [];

  /** @param {number} pos @param {DriftRule} rule @param {string} message */
  const report = (pos, rule, message) => {
    if (!rules.has(rule)) return;
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(pos);
    findings.push({ line: line + 1, column: character + 1, rule, message });
  };

  /** @param {ts.Node} node @param {string} text cooked text of a literal or a template piece */
  const checkText = (node, text) => {
    const start = node.getStart(sourceFile);
    if (keyWord !== undefined && !claimed.has(node)) {
      const raw = node.getText(sourceFile);
      const named = new Set([...text.matchAll(keyWord)].map((m) => m[1]));
      for (const key of named) {
        const at = [...raw.matchAll(keyWord)].find((m) => m[1] === key)?.index ?? 0;
        report(
          start + at,
          'connector_key',
          `names the connector key "${key}"; surfaces reach connectors through the catalog and the plan (help text: say <connector>, point at \`conn connectors\`)`,
        );
      }
    }
    if (!ts.isJsxText(node) && ROUTE_PATH.test(text)) {
      report(
        start,
        'route_path',
        `writes the route path "${text.split(/[?\s]/)[0]}"; build it from the engine's route table (@conn/setup-engine) instead`,
      );
    }
  };

  /** @param {ts.Node} node @param {string[]} values @param {string} shape */
  const checkList = (node, values, shape) => {
    for (const { name, copied, exact } of copiedLists(values, vocabularies)) {
      report(
        node.getStart(sourceFile),
        'vocabulary_list',
        exact
          ? `re-declares the engine's \`${name}\` (${copied.join(', ')}) in ${shape}; import \`${name}\` from @conn/setup-engine`
          : `re-declares values of the engine's \`${name}\` (${copied.join(', ')}) in ${shape}; import the list or its type from @conn/setup-engine, and have the engine name a subset it needs`,
      );
    }
  };

  /** @param {ts.Node} node */
  const visit = (node) => {
    // Template pieces (head, middle, tail) are scanned one by one; substitutions are code.
    if (ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      checkText(node, node.text);
    } else if (ts.isArrayLiteralExpression(node)) {
      const values = node.elements.filter(ts.isStringLiteralLike).map((e) => e.text);
      const inSet =
        ts.isNewExpression(node.parent) &&
        ts.isIdentifier(node.parent.expression) &&
        node.parent.expression.text === 'Set';
      checkList(node, values, inSet ? 'its own Set' : 'its own array');
    } else if (ts.isUnionTypeNode(node)) {
      const values = node.types.flatMap((t) =>
        ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : [],
      );
      checkList(node, values, 'its own union type');
    } else if (ts.isObjectLiteralExpression(node)) {
      const keyed = node.properties.filter((p) => connectorKeys.has(propertyName(p) ?? ''));
      if (keyed.length >= 2) {
        for (const p of keyed) if (p.name !== undefined) claimed.add(p.name);
        report(
          keyed[0].getStart(sourceFile),
          'connector_map',
          `keys an object by connector (${keyed.map(propertyName).join(', ')}); a surface never classifies connectors, the catalog and the plan do`,
        );
      }
    } else if (isZodObjectCall(node, zodNames)) {
      report(
        node.getStart(sourceFile),
        'request_shape',
        `declares a zod object schema (${node.expression.getText(sourceFile)}); request and response shapes belong in the engine's contract (@conn/setup-engine api), import the schema from there`,
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);

  return applyAllows(source, findings).sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Local names zod is imported under, plus the customary `z`.
 *
 * @param {ts.SourceFile} sourceFile
 */
function zodImportNames(sourceFile) {
  const names = new Set(['z']);
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    if (!/^zod(\/|$)/.test(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause?.name) names.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) names.add(element.name.text);
    }
  }
  return names;
}

/**
 * @param {ts.Node} node
 * @param {ReadonlySet<string>} zodNames
 * @returns {node is ts.CallExpression & { expression: ts.PropertyAccessExpression }}
 */
function isZodObjectCall(node, zodNames) {
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    ts.isIdentifier(node.expression.expression) &&
    zodNames.has(node.expression.expression.text) &&
    ZOD_OBJECT_FACTORIES.has(node.expression.name.text)
  );
}

const ALLOW_COMMENT = /^\s*(?:\/\/|\{?\/\*+)\s*drift-allow\b(.*)$/;

/**
 * Drops each finding whose previous line holds `drift-allow <rule>: <reason>`,
 * and reports allows that lack a reason, name an unknown rule, or allow nothing.
 *
 * @param {string} source
 * @param {Array<Omit<DriftFinding, 'file'>>} findings
 * @returns {Array<Omit<DriftFinding, 'file'>>}
 */
function applyAllows(source, findings) {
  /** @type {Map<number, { rules: string[], column: number, used: boolean }>} */
  const allows = new Map();
  /** @type {Array<Omit<DriftFinding, 'file'>>} */
  const problems = [];
  source.split('\n').forEach((text, index) => {
    const match = ALLOW_COMMENT.exec(text);
    if (match === null) return;
    const line = index + 1;
    const column = text.indexOf('drift-allow') + 1;
    const body = match[1].replace(/\*\/\}?\s*$/, '');
    const [ruleList, ...reasonParts] = body.split(':');
    const listed = ruleList
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const reason = reasonParts.join(':').trim();
    const problem = (/** @type {string} */ message) =>
      problems.push({ line, column, rule: 'drift_allow', message });
    const unknown = listed.filter((r) => !ALLOWABLE_RULES.has(r));
    if (listed.length === 0 || unknown.length > 0) {
      problem(
        `names ${listed.length === 0 ? 'no rule' : `an unknown rule (${unknown.join(', ')})`}; write \`// drift-allow <rule>: <reason>\` with one of ${[...ALLOWABLE_RULES].join(', ')}`,
      );
    } else if (reason === '') {
      problem(
        `allows ${listed.join(', ')} without a reason; write \`// drift-allow ${listed.join(', ')}: <why this is not drift>\``,
      );
    } else {
      allows.set(line, { rules: listed, column, used: false });
    }
  });
  const kept = findings.filter((finding) => {
    const allow = allows.get(finding.line - 1);
    if (allow === undefined || !allow.rules.includes(finding.rule)) return true;
    allow.used = true;
    return false;
  });
  for (const [line, allow] of allows) {
    if (!allow.used) {
      problems.push({
        line,
        column: allow.column,
        rule: 'drift_allow',
        message: `allows ${allow.rules.join(', ')} but the next line has no such finding; remove the allow`,
      });
    }
  }
  return [...kept, ...problems];
}

/**
 * Runs the drift check over a repository (or a fixture tree shaped like one).
 *
 * @example
 * const findings = findDrift('/path/to/repo');
 * if (findings.length > 0) process.exitCode = 1;
 *
 * @param {string} rootDir
 * @returns {DriftFinding[]}
 */
export function findDrift(rootDir) {
  const root = resolve(rootDir);
  const context = {
    connectorKeys: new Set(readConnectorKeys(root)),
    vocabularies: readVocabularies(root),
  };
  return listScannedSources(root).flatMap(({ path, rules }) => {
    const file = relative(root, path).split(sep).join('/');
    return findDriftInSource(path, readFileSync(path, 'utf8'), context, rules).map((finding) => ({
      file,
      ...finding,
    }));
  });
}

function main() {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const findings = findDrift(root);
  if (findings.length === 0) {
    console.log(`drift check: clean (${listScannedSources(root).length} source files)`);
    return;
  }
  for (const f of findings) console.error(`${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`);
  console.error(`\ndrift check: ${findings.length} finding(s)`);
  process.exitCode = 1;
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  try {
    main();
  } catch (error) {
    console.error(`check-drift: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
