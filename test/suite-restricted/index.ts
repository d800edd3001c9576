import { runTestsIn } from '../suite/index';

/**
 * The entry point of the tests inside a real VS Code in restricted mode: test/e2e/run.mjs opens
 * its workspace copy untrusted, with workspace settings that point elsewhere (see runRestricted).
 */
export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
