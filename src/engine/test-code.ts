/**
 * Which files of a workspace are test code: unit tests, end-to-end specs, stories, fixtures, mocks
 * and test-helper packages. Their data flows are not the product's (a test logs a fake user's
 * email, a Playwright spec posts a form), so a scan leaves them out unless asked to include them.
 * The decision is made on the workspace-relative path alone, by the conventions test runners and
 * Storybook use; words that merely contain "test" (`latest`, `contest`, `attestation`,
 * `testimonials`) are not test code.
 */

/** Folder names that hold test code wherever they are. */
const TEST_FOLDERS = new Set([
  '__tests__', '__mocks__', '__fixtures__', '__snapshots__', '__e2e__',
  'test', 'tests', 'e2e', 'spec', 'specs', 'cypress', 'playwright', 'fixtures', 'mocks',
  '.storybook', 'testing',
]);

/** Words that, first in a hyphenated or camelCase name, make it test code: `test-utils`, `e2eHelpers`. */
const LEADING_WORDS = new Set(['test', 'tests', 'testing', 'e2e']);
/** Words that, last in a hyphenated name of several words, make it test code: `web-e2e` (Nx), `integration-tests`. */
const TRAILING_WORDS = new Set(['e2e', 'tests', 'specs']);

/** Dotted parts of a file name (between the stem and the extension) that mark test code: `a.test.ts`, `b.stories.tsx`. */
const TEST_INFIXES = new Set([
  'test', 'tests', 'spec', 'specs', 'e2e', 'e2e-spec', 'cy', 'stories', 'story', 'mock', 'mocks', 'fixture', 'fixtures', 'test-d',
]);

/** The file names of the Next.js app router, whose folders are URL segments rather than test conventions. */
const NEXT_ROUTE_FILES = new Set(['route', 'page', 'layout', 'loading', 'error', 'not-found', 'template', 'default']);

/** Whole file stems of test setup files: `setupTests.ts`, `jest.setup.js`, `vitest.setup.ts`. */
const SETUP_STEMS = new Set(['setuptests', 'setup-tests', 'jest.setup', 'vitest.setup', 'test-setup', 'test.setup', 'fixtures', 'mocks']);

/**
 * True when a workspace-relative path (forward slashes) is test code: a file named as a test,
 * spec, story, mock or fixture, or a file under a test folder (`__tests__/`, `test/`, `e2e/`,
 * `cypress/`, `.storybook/`, ...) or a test-helper package (`packages/test-utils/`, `apps/web-e2e/`).
 */
export function isTestPath(path: string): boolean {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) return false;
  const name = segments[segments.length - 1];
  if (isTestFileName(name)) return true;
  // A Next.js route file is product code whatever its folders: `app/api/checker/test/route.ts` serves /api/checker/test.
  if (segments.includes('app') && NEXT_ROUTE_FILES.has(name.split('.')[0])) return false;
  return segments.slice(0, -1).some(isTestFolder);
}

/** True when a folder's name says it holds test code. */
export function isTestFolder(name: string): boolean {
  return TEST_FOLDERS.has(name.toLowerCase()) || isTestCompound(name);
}

/** True when a file's name marks it as test code (its folders aside). */
function isTestFileName(name: string): boolean {
  const parts = name.split('.');
  if (parts.length < 2) return isTestCompound(name);
  const stem = parts.slice(0, -1);
  if (stem.slice(1).some((p) => TEST_INFIXES.has(p.toLowerCase()))) return true;
  if (SETUP_STEMS.has(stem.join('.').toLowerCase())) return true;
  return stem.length === 1 && isTestCompound(stem[0]);
}

/** `test-utils`, `testHelpers`, `e2e_support`, `web-e2e`, `integration-tests`: a name of several words that says test code. */
function isTestCompound(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[-_]+/)
    .filter(Boolean);
  if (words.length < 2) return false;
  return LEADING_WORDS.has(words[0]) || TRAILING_WORDS.has(words[words.length - 1]);
}

/**
 * True when a glob names test code itself (`e2e/**`, `**\/*.spec.ts`, `packages/test-utils/**`):
 * an `include` glob like that is an explicit request to scan the test files it matches. The glob
 * is read as a path, its wildcards as ordinary characters, so `src/**` or `**\/*.ts` name no test code.
 */
export function globNamesTestCode(glob: string): boolean {
  // `e2e/**` and `./cypress/` name the folder before the wildcards: read it as a folder and as a file.
  const path = glob.replace(/^\.\//, '').replace(/(\/\*+)+$/, '').replace(/\/+$/, '');
  return isTestPath(path) || isTestPath(`${path}/x`);
}
