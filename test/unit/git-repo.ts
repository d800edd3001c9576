/**
 * Git repositories the review tests build in a temporary folder: a base commit on `main` with two
 * findings, and a `feature` branch that renames a file, moves a block down and adds a vendor call.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };

/** Runs git in a repository. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Writes files (path → text) under a folder. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export const MANIFEST = `version: 1
system: Review fixture
categories:
  - user.name
  - user.contact.email
purposes:
  - id: account
    basis: contract
    categories: [user.name, user.contact.email]
vendors: []
`;

export const SIGNUP = `import Mixpanel from 'mixpanel';
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN!);
export function signup(req: any, res: any) {
  const { email, plan } = req.body;
  mixpanel.track('signup', { email, plan });
  res.sendStatus(201);
}
`;

/** signup.ts with a function added above: the vendor call moves down four lines, unchanged. */
export const SIGNUP_MOVED = SIGNUP.replace('export function signup', '/** Added above, so that signup moves down. */\nexport function health(res: any) {\n  res.sendStatus(200);\n}\n\nexport function signup');

export const AUDIT = `export function audit(req: any) {
  const { email } = req.body;
  console.log('signup', email);
}
`;

export const BILLING = `import { Analytics } from '@segment/analytics-node';
const analytics = new Analytics({ writeKey: 'k' });
export function upgrade(req: any) {
  const { email, name } = req.body;
  analytics.identify({ userId: email, traits: { name } });
}
`;

/** The repository, checked out on `feature`; `main` is the base. */
export function reviewRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-lens-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, { 'data-inventory.yaml': MANIFEST, 'src/signup.ts': SIGNUP, 'src/audit.ts': AUDIT });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  git(dir, 'mv', 'src/audit.ts', 'src/audit-log.ts');
  writeFiles(dir, { 'src/signup.ts': SIGNUP_MOVED, 'src/billing.ts': BILLING });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'feature: rename, move, a new vendor');
  return dir;
}
