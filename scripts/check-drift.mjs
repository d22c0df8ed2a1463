#!/usr/bin/env node
/**
 * The drift check: no surface package decides what the setup engine decides.
 *
 * It scans the TypeScript sources (`src/**\/*.{ts,tsx}`, tests excluded) of
 * every package under packages/ and apps/ except @conn/setup-engine (which
 * owns the vocabulary) and @conn/connectors (which owns the catalog), and
 * reports each place that
 *
 *   - connector_key:    names a bundled connector key as a string literal;
 *   - vocabulary_list:  lists two or more modality or support-state values in
 *                       one array or union literal (its own copy of the
 *                       vocabulary);
 *   - connector_map:    keys an object literal by connector keys (a
 *                       connector → something classification table).
 *
 * Nothing is hard-coded: connector keys are the folders of
 * packages/connectors/src that hold a manifest.ts, and the vocabulary is read
 * from packages/setup-engine/src/vocabulary.ts. Surfaces may still switch on a
 * plan's values one `case` at a time; that is rendering, not a list.
 *
 * Usage: node scripts/check-drift.mjs [rootDir]   (exit 1 when drift is found)
 *
 * @example
 * import { findDrift } from './scripts/check-drift.mjs';
 * for (const f of findDrift(process.cwd())) console.log(`${f.file}:${f.line} ${f.message}`);
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * @typedef {'connector_key' | 'vocabulary_list' | 'connector_map'} DriftRule
 * @typedef {{ file: string, line: number, column: number, rule: DriftRule, message: string }} DriftFinding
 * @typedef {{ type: 'string' | 'template' | 'ident' | 'number' | 'regex' | 'punct', value: string, start: number }} Token
 */

/** Packages that own the vocabulary and the catalog, and so may name them. */
const OWNERS = new Set(['packages/setup-engine', 'packages/connectors']);
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
/** The vocabulary lists a surface must never copy, by their export name in vocabulary.ts. */
const VOCABULARIES = { modalities: 'modality', supportStates: 'support state' };

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
 * The modality and support-state values, read from the engine's vocabulary.ts.
 * Throws when a list cannot be found, so renaming it cannot silently switch the check off.
 *
 * @param {string} rootDir
 * @returns {Array<{ name: string, values: Set<string> }>}
 */
export function readVocabularies(rootDir) {
  const file = join(rootDir, 'packages', 'setup-engine', 'src', 'vocabulary.ts');
  const source = readFileSync(file, 'utf8');
  return Object.entries(VOCABULARIES).map(([exportName, name]) => {
    const match = new RegExp(`export const ${exportName}\\s*=\\s*\\[([^\\]]*)\\]`).exec(source);
    const values = match
      ? [...match[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2])
      : [];
    if (values.length < 2) {
      throw new Error(`cannot read the ${name} values (\`${exportName}\`) from ${file}`);
    }
    return { name, values: new Set(values) };
  });
}

/**
 * Source files to scan: `src/**\/*.{ts,tsx}` of every package and app except the owners, tests excluded.
 *
 * @param {string} rootDir
 * @returns {string[]} absolute paths
 */
export function listSurfaceSources(rootDir) {
  /** @type {string[]} */
  const files = [];
  for (const group of SCANNED_GROUPS) {
    const groupDir = join(rootDir, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || OWNERS.has(`${group}/${entry.name}`)) continue;
      const srcDir = join(groupDir, entry.name, 'src');
      if (existsSync(srcDir)) collectSources(srcDir, files);
    }
  }
  return files.sort();
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
}

const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);

/**
 * A small TypeScript tokenizer: enough to tell string literals, identifiers
 * and brackets apart, skipping comments, regular expressions and template
 * substitutions correctly. A quote that does not close on its line (JSX text
 * such as `Don't`) is treated as punctuation, so it cannot swallow the file.
 *
 * @param {string} source
 * @returns {Token[]}
 */
export function tokenize(source) {
  /** @type {Token[]} */
  const tokens = [];
  /** @type {Array<'brace' | 'template'>} */
  const braces = [];
  let i = 0;

  /** @param {number} start */
  const readTemplate = (start) => {
    // `i` is just past a backtick or the `}` that closes a substitution.
    let text = '';
    while (i < source.length) {
      const ch = source[i];
      if (ch === '\\') {
        text += source[i + 1] ?? '';
        i += 2;
      } else if (ch === '`') {
        i += 1;
        const whole = source[start] === '`';
        tokens.push({ type: whole ? 'string' : 'template', value: text, start });
        return;
      } else if (ch === '$' && source[i + 1] === '{') {
        i += 2;
        braces.push('template');
        tokens.push({ type: 'template', value: text, start });
        return;
      } else {
        text += ch;
        i += 1;
      }
    }
    tokens.push({ type: 'template', value: text, start });
  };

  const regexAllowed = () => {
    const last = tokens[tokens.length - 1];
    if (last === undefined) return true;
    if (last.type === 'ident') return REGEX_AFTER_WORD.has(last.value);
    if (last.type === 'punct')
      return !(last.value === ')' || last.value === ']' || last.value === '}');
    return false;
  };

  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (ch === "'" || ch === '"') {
      const start = i;
      let text = '';
      let j = i + 1;
      let closed = false;
      while (j < source.length && source[j] !== '\n') {
        if (source[j] === '\\') {
          text += source[j + 1] ?? '';
          j += 2;
        } else if (source[j] === ch) {
          closed = true;
          j += 1;
          break;
        } else {
          text += source[j];
          j += 1;
        }
      }
      if (closed) {
        tokens.push({ type: 'string', value: text, start });
        i = j;
      } else {
        tokens.push({ type: 'punct', value: ch, start });
        i += 1;
      }
    } else if (ch === '`') {
      const start = i;
      i += 1;
      readTemplate(start);
    } else if (ch === '/' && regexAllowed()) {
      const start = i;
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n') {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        else if (source[j] === '/' && !inClass) break;
        j += 1;
      }
      j += 1;
      while (j < source.length && /[a-z]/i.test(source[j])) j += 1;
      tokens.push({ type: 'regex', value: source.slice(start, j), start });
      i = j;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][\w$]*/.exec(source.slice(i, i + 256));
      const word = match ? match[0] : ch;
      tokens.push({ type: 'ident', value: word, start: i });
      i += word.length;
    } else if (/[0-9]/.test(ch)) {
      const match = /^[0-9][\w.]*/.exec(source.slice(i, i + 64));
      const number = match ? match[0] : ch;
      tokens.push({ type: 'number', value: number, start: i });
      i += number.length;
    } else if (ch === '{') {
      braces.push('brace');
      tokens.push({ type: 'punct', value: ch, start: i });
      i += 1;
    } else if (ch === '}') {
      const opened = braces.pop();
      if (opened === 'template') {
        const start = i;
        i += 1;
        readTemplate(start);
      } else {
        tokens.push({ type: 'punct', value: ch, start: i });
        i += 1;
      }
    } else {
      tokens.push({ type: 'punct', value: ch, start: i });
      i += 1;
    }
  }
  return tokens;
}

/**
 * @param {string} source
 * @param {number} index
 */
function position(source, index) {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/**
 * @param {readonly string[]} values
 * @param {Array<{ name: string, values: Set<string> }>} vocabularies
 */
function vocabularyCopies(values, vocabularies) {
  return vocabularies.flatMap(({ name, values: known }) => {
    const copied = [...new Set(values.filter((value) => known.has(value)))];
    return copied.length >= 2 ? [{ name, copied }] : [];
  });
}

/**
 * Finds drift in one source text.
 *
 * @param {string} source
 * @param {{ connectorKeys: ReadonlySet<string>, vocabularies: Array<{ name: string, values: Set<string> }> }} rules
 * @returns {Array<Omit<DriftFinding, 'file'>>}
 */
export function findDriftInSource(source, { connectorKeys, vocabularies }) {
  const tokens = tokenize(source);
  /** @type {Array<Omit<DriftFinding, 'file'>>} */
  const findings = [];
  /** @param {number} index @param {DriftRule} rule @param {string} message */
  const report = (index, rule, message) =>
    findings.push({ ...position(source, index), rule, message });

  /** @type {Array<{ open: string, strings: string[], start: number, keys: Array<{ key: string, start: number }> }>} */
  const frames = [];
  /** Tokens already reported as object keys, so they are not reported twice. */
  const objectKeyTokens = new Set();

  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const following = tokens[index + 1];
    const frame = frames[frames.length - 1];

    if (
      token.type === 'punct' &&
      (token.value === '[' || token.value === '{' || token.value === '(')
    ) {
      frames.push({ open: token.value, strings: [], start: token.start, keys: [] });
      return;
    }
    if (
      token.type === 'punct' &&
      (token.value === ']' || token.value === '}' || token.value === ')')
    ) {
      const closed = frames.pop();
      if (closed?.open === '[') {
        for (const { name, copied } of vocabularyCopies(closed.strings, vocabularies)) {
          report(
            closed.start,
            'vocabulary_list',
            `lists ${name} values (${copied.join(', ')}) in its own array; import the vocabulary from @conn/setup-engine and render from the plan instead`,
          );
        }
      }
      if (closed?.open === '{' && closed.keys.length > 0) {
        const first = closed.keys[0];
        report(
          first.start,
          'connector_map',
          `keys an object by connector (${closed.keys.map((k) => k.key).join(', ')}); a surface never classifies connectors, the plan does`,
        );
      }
      return;
    }

    const isElementStart =
      previous?.type === 'punct' && (previous.value === '[' || previous.value === ',');
    if (token.type === 'string' && frame?.open === '[' && isElementStart) {
      frame.strings.push(token.value);
    }

    const isPropertyKey =
      frame?.open === '{' &&
      (token.type === 'string' || token.type === 'ident') &&
      previous?.type === 'punct' &&
      ['{', ',', ';'].includes(previous.value) &&
      following?.type === 'punct' &&
      following.value === ':';
    if (isPropertyKey && connectorKeys.has(token.value)) {
      frame.keys.push({ key: token.value, start: token.start });
      objectKeyTokens.add(index);
    }
  });

  // A union is a run of string literals joined by single `|` tokens.
  for (let index = 0; index < tokens.length; index += 1) {
    if (tokens[index].type !== 'string') continue;
    const run = [tokens[index].value];
    let end = index;
    while (
      tokens[end + 1]?.type === 'punct' &&
      tokens[end + 1].value === '|' &&
      tokens[end + 2]?.type === 'string'
    ) {
      run.push(tokens[end + 2].value);
      end += 2;
    }
    if (run.length >= 2) {
      for (const { name, copied } of vocabularyCopies(run, vocabularies)) {
        report(
          tokens[index].start,
          'vocabulary_list',
          `declares a union of ${name} values (${copied.join(' | ')}); import the type from @conn/setup-engine instead`,
        );
      }
    }
    index = end;
  }

  tokens.forEach((token, index) => {
    if (token.type === 'string' && connectorKeys.has(token.value) && !objectKeyTokens.has(index)) {
      report(
        token.start,
        'connector_key',
        `names the connector key "${token.value}"; surfaces reach connectors through the registry and the plan, never by key`,
      );
    }
  });

  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
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
  const connectorKeys = new Set(readConnectorKeys(root));
  const vocabularies = readVocabularies(root);
  return listSurfaceSources(root).flatMap((path) => {
    const file = relative(root, path).split(sep).join('/');
    return findDriftInSource(readFileSync(path, 'utf8'), { connectorKeys, vocabularies }).map(
      (finding) => ({ file, ...finding }),
    );
  });
}

function main() {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const findings = findDrift(root);
  if (findings.length === 0) {
    console.log(`drift check: clean (${listSurfaceSources(root).length} surface source files)`);
    return;
  }
  for (const f of findings) {
    console.error(`${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.message}`);
  }
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
