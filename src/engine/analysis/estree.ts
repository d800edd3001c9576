/**
 * The parser, in a module of its own: the bundles load it (dist/parser.js, with TypeScript inside)
 * only when a file has to be parsed, so a warm scan served from the cache never pays for it.
 */
export { parse } from '@typescript-eslint/typescript-estree';
export { createIncrementalParser } from './incremental-parse';
