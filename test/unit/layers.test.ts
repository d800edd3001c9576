import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse, TSESTree } from '@typescript-eslint/typescript-estree';

const root = join(__dirname, '../../..');
const ENGINE = join(root, 'src/engine');

/** The .ts files under a folder, as paths relative to the engine, e.g. `analysis/values.ts`. */
function sources(dir = ENGINE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(ENGINE, path).split('\\').join('/')] : [];
  });
}

/** The engine file a relative module specifier of `from` names, or undefined for a package or data file. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(join(ENGINE, from)), specifier);
  for (const file of [`${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(file)) return relative(ENGINE, file).split('\\').join('/');
  }
  return undefined;
}

/** The module specifiers of a node's `require('…')` calls (the parser is loaded lazily that way). */
function requires(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  const n = node as TSESTree.Node;
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') {
    const arg = n.arguments[0];
    if (arg?.type === 'Literal' && typeof arg.value === 'string') out.push(arg.value);
  }
  for (const [key, value] of Object.entries(n)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) for (const item of value) requires(item, out);
    else requires(value, out);
  }
  return out;
}

/**
 * The engine files a file imports. Type-only imports count too: a file's imports are meant to tell
 * a reader what it may touch, and a type is as much a dependency of the reader's understanding as
 * a value (and `import type` today is a value import tomorrow).
 */
function importsOf(file: string): string[] {
  const program = parse(readFileSync(join(ENGINE, file), 'utf8'), { jsx: false, loc: false, range: false });
  const specifiers: string[] = [];
  for (const node of program.body) {
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') specifiers.push(node.source.value);
    else if (node.type === 'ExportNamedDeclaration' && node.source) specifiers.push(node.source.value);
  }
  specifiers.push(...requires(program));
  return [...new Set(specifiers.map((s) => resolveSpecifier(file, s)).filter((f): f is string => f !== undefined))];
}

/** The import graph of the engine: file -> the engine files it imports. */
function engineGraph(): Map<string, string[]> {
  return new Map(sources().map((file) => [file, importsOf(file)]));
}

/** One import cycle among the given files (as a path that returns to its start), or undefined. */
function findCycle(graph: Map<string, string[]>, within: (file: string) => boolean): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of (graph.get(file) ?? []).filter(within)) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      const cycle = state.has(next) ? undefined : visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of [...graph.keys()].filter(within).sort()) {
    const cycle = state.has(file) ? undefined : visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The imports of `from` files that reach `to` files, as `a.ts -> b.ts` lines. */
function crossings(graph: Map<string, string[]>, from: (file: string) => boolean, to: (file: string) => boolean): string[] {
  return [...graph].filter(([file]) => from(file)).flatMap(([file, deps]) => deps.filter(to).map((dep) => `${file} -> ${dep}`));
}

const inFolder = (folder: string) => (file: string) => file.startsWith(`${folder}/`);

/** The engine's lowest layer: types, catalogs, the taxonomy, rule ids, reading and decoding files (src/engine/core). */
const CORE = inFolder('core');
/** The top of the pipeline: what reads, schedules, caches and checks files (src/engine/pipeline). */
const PIPELINE = inFolder('pipeline');
const ANALYSIS = inFolder('analysis');
/** Below the analysis besides the core: the Prisma models the analysis reads records by (a type only). */
const BELOW_ANALYSIS = (file: string) => CORE(file) || file === 'prisma-models.ts';

describe('engine layers', () => {
  const graph = engineGraph();

  it('finds the engine files and their imports', () => {
    assert.ok(graph.size > 50, `only ${graph.size} engine files found under ${ENGINE}`);
    assert.ok([...graph.values()].some((deps) => deps.length > 0));
  });

  it('src/engine/analysis has no import cycle', () => {
    const cycle = findCycle(graph, inFolder('analysis'));
    assert.equal(cycle, undefined, `import cycle in src/engine/analysis: ${cycle?.join(' -> ')}`);
  });

  it('src/engine has no import cycle', () => {
    const cycle = findCycle(graph, () => true);
    assert.equal(cycle, undefined, `import cycle in src/engine: ${cycle?.join(' -> ')}`);
  });

  it('src/engine/core imports nothing of the engine outside it', () => {
    assert.deepEqual(crossings(graph, CORE, (f) => !CORE(f)), []);
  });

  it('the analysis imports from the rest of the engine only what is below it', () => {
    assert.deepEqual(crossings(graph, ANALYSIS, (f) => !ANALYSIS(f) && !BELOW_ANALYSIS(f)), []);
  });

  it('nothing but the pipeline and the front door imports the pipeline', () => {
    assert.deepEqual(crossings(graph, (f) => !PIPELINE(f) && f !== 'index.ts', PIPELINE), []);
  });
});
