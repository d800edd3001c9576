import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/**
 * The entry point of the tests inside a real VS Code, with the contract of @vscode/test-electron
 * (and of the code-server harness in test/e2e): run every *.test.js beside this file, resolve when
 * all pass, reject otherwise. Mocha's spec reporter prints the "N passing / N failing" summary.
 */
export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs every *.test.js of a folder, in name order; rejects when any fails. */
export function runTestsIn(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of readdirSync(folder).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(join(folder, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}
