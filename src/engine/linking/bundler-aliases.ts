import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource } from '../analysis/parse';

/**
 * The `resolve.alias` of a bundler's configuration (Vite, Vitest, webpack) in a folder of the
 * workspace: `'@helpers': path.resolve(__dirname, '../common/src/helpers')`, also as a list of
 * `{ find, replacement }`. The configuration is read, never run: only aliases whose target is a
 * literal path (joined to the config's folder by `path.resolve` / `path.join` of `__dirname`,
 * `fileURLToPath(new URL('./src', import.meta.url))`, or a relative string) are taken; a regular
 * expression, a computed key or a target known only at run time is left out.
 */
export interface BundlerAlias {
  /** The specifier, or its beginning before `/`, that the alias replaces (`@helpers`, `~`). */
  find: string;
  /** The folder or file it stands for, relative to the workspace root. */
  target: string;
}

/** The configuration files whose aliases are read, in a folder. */
export const BUNDLER_CONFIGS = ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs', 'vitest.config.ts', 'vitest.config.mts', 'webpack.config.js', 'webpack.config.ts'];

/** The aliases of one configuration file (`file` relative to the root; `text` its content). */
export function bundlerAliases(file: string, text: string): BundlerAlias[] {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return [];
  const dir = posix.dirname(file);
  const out: BundlerAlias[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === 'Property' && !node.computed && keyName(node.key) === 'alias') {
      for (const [find, value] of aliasEntries(node.value)) {
        const target = targetOf(value, dir);
        if (target !== undefined) out.push({ find, target });
      }
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (c && typeof c === 'object' && typeof (c as { type?: unknown }).type === 'string') visit(c as TSESTree.Node);
      }
    }
  };
  visit(parsed.program);
  return out;
}

/** `{ '@': target }` or `[{ find: '@', replacement: target }]`: each literal key with its target's expression. */
function aliasEntries(value: TSESTree.Node): [string, TSESTree.Node][] {
  if (value.type === 'ObjectExpression') {
    return value.properties.flatMap((p): [string, TSESTree.Node][] => {
      const key = p.type === 'Property' && !p.computed ? keyName(p.key) : undefined;
      return key !== undefined && p.type === 'Property' ? [[key, p.value]] : [];
    });
  }
  if (value.type === 'ArrayExpression') {
    return value.elements.flatMap((e): [string, TSESTree.Node][] => {
      if (e?.type !== 'ObjectExpression') return [];
      const field = (name: string) => e.properties.find((p): p is TSESTree.Property => p.type === 'Property' && !p.computed && keyName(p.key) === name)?.value;
      const find = field('find');
      const replacement = field('replacement');
      return find?.type === 'Literal' && typeof find.value === 'string' && replacement ? [[find.value, replacement]] : [];
    });
  }
  return [];
}

function keyName(key: TSESTree.Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/** A target's path relative to the root, when the expression says it without running anything. */
function targetOf(node: TSESTree.Node, dir: string): string | undefined {
  const literal = (n: TSESTree.Node | undefined): string | undefined => (n?.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined);
  const inside = (path: string): string | undefined => {
    const joined = posix.normalize(posix.join(dir, path)).replace(/\/$/, '');
    return joined.startsWith('..') || posix.isAbsolute(joined) ? undefined : joined;
  };
  const text = literal(node);
  // A relative string is relative to the config's folder; another one names a package, not a folder.
  if (text !== undefined) return text.startsWith('./') || text.startsWith('../') ? inside(text) : undefined;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 1 && isDirname(node.expressions[0]) && node.quasis[0].value.cooked === '') {
    return inside(`.${node.quasis[1].value.cooked ?? ''}`);
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' ? node.callee.property.name : node.callee.type === 'Identifier' ? node.callee.name : '';
  // `path.resolve(__dirname, 'src')`, `join(__dirname, '..', 'common')`.
  if ((callee === 'resolve' || callee === 'join') && node.arguments.length > 0 && isDirname(node.arguments[0])) {
    const parts = node.arguments.slice(1).map(literal);
    return parts.every((p): p is string => p !== undefined) ? inside(posix.join('.', ...parts)) : undefined;
  }
  // `fileURLToPath(new URL('./src', import.meta.url))`.
  const url = node.arguments[0];
  if (callee === 'fileURLToPath' && url?.type === 'NewExpression' && url.callee.type === 'Identifier' && url.callee.name === 'URL' && isImportMetaUrl(url.arguments[1])) {
    const path = literal(url.arguments[0]);
    return path !== undefined && path.startsWith('.') ? inside(path) : undefined;
  }
  return undefined;
}

/** `__dirname`, or `import.meta.dirname`. */
function isDirname(node: TSESTree.Node | undefined): boolean {
  if (node?.type === 'Identifier') return node.name === '__dirname';
  return node?.type === 'MemberExpression' && node.object.type === 'MetaProperty' && node.property.type === 'Identifier' && node.property.name === 'dirname';
}

function isImportMetaUrl(node: TSESTree.Node | undefined): boolean {
  return node?.type === 'MemberExpression' && node.object.type === 'MetaProperty' && node.property.type === 'Identifier' && node.property.name === 'url';
}
