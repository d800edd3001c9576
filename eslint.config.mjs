// Lint rules: the engine and CLI never import vscode; the front ends (CLI, extension) import the
// engine only through its front door, src/engine/index.ts; promises are awaited or marked `void`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'test/e2e/**', 'scripts/**', '*.mjs', 'test/reporter.js', 'test/run-electron.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The engine is pure: no vscode import.' }] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI is pure: no vscode import.' }],
        patterns: [{ group: ['**/engine/*'], message: "Import the engine through its front door: '../engine' (src/engine/index.ts)." }],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/engine/*'], message: "Import the engine through its front door: '../engine' (src/engine/index.ts)." }],
      }],
    },
  },
);
