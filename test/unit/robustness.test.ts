/**
 * A hostile workspace gets clear errors, never a hang, a leak or a wrong answer (issue 14). Each
 * test builds the hostile shape in a throwaway folder: FIFOs, links to /dev/zero, folders in place
 * of files, huge sparse files.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixes, writeRefusal } from '../../src/cli/fix-command';
import { main } from '../../src/cli/main';
import { detectionInput } from '../../src/engine/config';
import { parseManifest } from '../../src/engine/manifest/load';
import { analyzeInWorkers, MAX_WORKERS, workerScript } from '../../src/engine/pipeline/pool';
import { listSourceFiles } from '../../src/engine/files';
import { MAX_WORKSPACE_FILE_SIZE, readRegularFile, type UnreadFile } from '../../src/engine/core/read-file';
import { emptyManifest, readManifestFile, scanWorkspace, Workspace, type Finding } from '../../src/engine';

const MANIFEST = 'version: 1\ncategories:\n  - user.contact.email\n';
const posixOnly = process.platform === 'win32' ? describe.skip : describe;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'privacy-lens-robust-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function fifo(rel: string): string {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  execFileSync('mkfifo', [path]);
  return path;
}

function sparse(rel: string, size: number): string {
  const path = write(rel, '');
  truncateSync(path, size);
  return path;
}

function scan() {
  return scanWorkspace({ root: dir, cacheDir: null, workers: 0 });
}

posixOnly('reading files: only regular files, bounded', () => {
  it('refuses a FIFO without blocking, a link to /dev/zero, a folder and a file over the limit', () => {
    assert.deepEqual(pick(readRegularFile(fifo('pipe'))), ['ENOTREG', 'it is a FIFO, not a regular file']);
    symlinkSync('/dev/zero', join(dir, 'zero'));
    assert.deepEqual(pick(readRegularFile(join(dir, 'zero'))), ['ENOTREG', 'it is a character device, not a regular file']);
    mkdirSync(join(dir, 'folder'));
    assert.deepEqual(pick(readRegularFile(join(dir, 'folder'))), ['EISDIR', 'it is a folder, not a file']);
    assert.deepEqual(pick(readRegularFile(sparse('big', 5 * 1024 * 1024 * 1024))), ['EFBIG', 'larger than the size limit (5120.0 MiB > 4.0 MiB)']);
    assert.deepEqual(pick(readRegularFile(join(dir, 'none'))), ['ENOENT', 'no such file']);
    const ok = readRegularFile(write('small', 'hello'), 5);
    assert.ok(ok.ok && ok.bytes.toString() === 'hello');
    assert.deepEqual(pick(readRegularFile(write('six', 'hello!'), 5)), ['EFBIG', 'larger than the size limit (6 bytes > 5 bytes)']);
  });

  it('a sparse source of several GiB is refused by its size, unread', async () => {
    write('data-inventory.yaml', MANIFEST);
    write('a.ts', 'export const x = 1;\n');
    sparse('huge.ts', 3 * 1024 * 1024 * 1024);
    const result = await scan();
    assert.deepEqual(result.skipped, [{ file: 'huge.ts', reason: 'larger than the size limit (3072.0 MiB > 1.0 MiB)' }]);
    assert.equal(result.filesScanned, 2);
  });

  it('a manifest that is a FIFO, a link to /dev/zero or a folder is a positioned manifest error', () => {
    const cases: [() => void, string][] = [
      [() => fifo('data-inventory.yaml'), 'it is a FIFO, not a regular file'],
      [() => symlinkSync('/dev/zero', join(dir, 'data-inventory.yaml')), 'it is a character device, not a regular file'],
      [() => mkdirSync(join(dir, 'data-inventory.yaml')), 'it is a folder, not a file'],
      [() => sparse('data-inventory.yaml', 1024 * 1024 * 1024), 'larger than the size limit (1024.0 MiB > 4.0 MiB)'],
    ];
    for (const [make, reason] of cases) {
      rmSync(join(dir, 'data-inventory.yaml'), { recursive: true, force: true });
      make();
      const file = readManifestFile(dir);
      assert.equal(file.status, 'invalid', reason);
      assert.deepEqual(file.status === 'invalid' && file.errors, [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: `the manifest data-inventory.yaml cannot be read: ${reason}` }]);
    }
  });

  it('a .gitignore, package.json, tsconfig.json, pnpm-workspace.yaml or schema.prisma that is not a regular file is listed, and the scan completes', async () => {
    write('data-inventory.yaml', MANIFEST);
    write('src/a.ts', 'export const x = 1;\n');
    symlinkSync('/dev/zero', join(dir, '.gitignore'));
    fifo('package.json');
    mkdirSync(join(dir, 'tsconfig.json'));
    sparse('pnpm-workspace.yaml', 2 * 1024 * 1024 * 1024);
    symlinkSync('/dev/zero', join(dir, 'schema.prisma'));
    const result = await scan();
    assert.equal(result.filesScanned, 1);
    assert.deepEqual(result.skipped.map((s) => `${s.file}: ${s.reason}`).sort(), [
      '.gitignore: not read: it is a character device, not a regular file',
      'package.json: not read: it is a FIFO, not a regular file',
      'pnpm-workspace.yaml: not read: larger than the size limit (2048.0 MiB > 4.0 MiB)',
      'schema.prisma: not read: it is a character device, not a regular file',
      'tsconfig.json: not read: it is a folder, not a file',
    ]);
  });

  it('a session knows the refused configuration files before any scan, the .gitignore too, and lists each once after a scan', async () => {
    write('data-inventory.yaml', MANIFEST);
    write('src/a.ts', 'export const x = 1;\n');
    symlinkSync('/dev/zero', join(dir, '.gitignore'));
    sparse('package.json', 5 * 1024 * 1024);
    const session = new Workspace({ root: dir, cacheDir: null, workers: 0 });
    const listed = (list: { file: string; reason: string }[]) => list.map((s) => `${s.file}: ${s.reason}`);
    const refused = ['package.json: not read: larger than the size limit (5.0 MiB > 4.0 MiB)', '.gitignore: not read: it is a character device, not a regular file'];
    assert.deepEqual(listed(session.configNotRead), refused);
    assert.deepEqual(listed(session.notAnalysed()), refused);
    const result = await session.scan();
    assert.deepEqual(listed(result.skipped), refused, 'the scan lists the .gitignore once, though it reads it again');
    assert.deepEqual(listed(session.notAnalysed()), refused);
  });

  it('a configuration file read again after a fix leaves "Not analysed", what the scan could not read stays', async () => {
    write('data-inventory.yaml', MANIFEST);
    write('src/a.ts', 'export const x = 1;\n');
    sparse('src/huge.ts', 5 * 1024 * 1024);
    write('.gitignore', `dist/\n{${'a,'.repeat(300)}b}{${'c,'.repeat(300)}d}\n`);
    fifo('tsconfig.json');
    const session = new Workspace({ root: dir, cacheDir: null, workers: 0 });
    const files = () => session.notAnalysed().map((s) => `${s.file}: ${s.reason.replace(/:.*/, '')}`);
    assert.deepEqual(files(), ['tsconfig.json: not read', '.gitignore: line 2 is not used']);
    await session.scan();
    assert.deepEqual(files(), ['tsconfig.json: not read', '.gitignore: line 2 is not used', 'src/huge.ts: larger than the size limit (5.0 MiB > 1.0 MiB)']);
    rmSync(join(dir, 'tsconfig.json'));
    write('tsconfig.json', '{}\n');
    write('.gitignore', 'dist/\n');
    session.reload();
    assert.deepEqual(session.configNotRead, []);
    assert.deepEqual(files(), ['src/huge.ts: larger than the size limit (5.0 MiB > 1.0 MiB)']);
    assert.equal(session.skipped.length, 3, "the last scan's own list is kept as it was");
  });

  it('a policy file that is a FIFO is reported at policy.file', async () => {
    write('data-inventory.yaml', `${MANIFEST}policy:\n  file: privacy.md\n`);
    fifo('privacy.md');
    const drift = (await scan()).findings.filter((f) => f.rule === 'policy-drift');
    assert.deepEqual(drift.map((f) => [f.line, f.message]), [[5, 'policy.file privacy.md cannot be read (it is a FIFO, not a regular file), so the manifest cannot be compared with the policy']]);
  });

  it('documents a limit of 4 MiB for the files besides sources', () => {
    assert.equal(MAX_WORKSPACE_FILE_SIZE, 4 * 1024 * 1024);
  });
});

describe('inputs validated', () => {
  it('--workers takes an integer from 0 to MAX_WORKERS, else a usage error', async () => {
    write('data-inventory.yaml', MANIFEST);
    for (const bad of ['1e9', '1.5', '-1', String(MAX_WORKERS + 1), '64', 'abc', '']) {
      const { code, stderr } = await cli(['scan', dir, '--no-cache', '--workers', bad]);
      assert.equal(code, 2, bad);
      assert.match(stderr, new RegExp(`^privacy-lens: --workers must be an integer from 0 to ${MAX_WORKERS}\n`), bad);
    }
    for (const good of ['0', '1', String(MAX_WORKERS)]) assert.equal((await cli(['scan', dir, '--no-cache', '--workers', good])).code, 0, good);
  });

  it('the engine starts at most one worker per file and MAX_WORKERS in all, whatever it is asked', async () => {
    const file = write('a.ts', 'export const x = 1;\n');
    const files = [{ absolute: file, relative: 'a.ts' }, { absolute: file, relative: 'b.ts' }];
    const outcomes = await analyzeInWorkers(workerScript()!, files, detectionInput(emptyManifest()), 1024 * 1024, 1e9);
    assert.deepEqual(outcomes.map((o) => o.file), ['a.ts', 'b.ts']);
  });

  it('manifest validation is linear: twice the purposes and vendors, twice the work', () => {
    const work = (n: number) => countCallbacks(() => {
      let text = 'version: 1\ncategories:\n  - user.contact\npurposes:\n';
      for (let i = 0; i < n; i++) text += `  - id: p${i % (n - 1)}\n    categories: [user.contact.email]\n`;
      text += 'vendors:\n';
      for (let i = 0; i < n; i++) text += `  - id: stripe\n    purposes: [p${i}]\n`;
      const r = parseManifest(text);
      // One duplicate purpose, n - 1 duplicate vendors, one vendor purpose that is not declared.
      assert.equal(!r.ok && r.errors.length, n + 1);
    });
    const ratio = work(4000) / work(2000);
    assert.ok(ratio < 2.5, `4000 entries cost ${ratio.toFixed(1)} times 2000`);
  });
});

posixOnly('the policy file stays in the workspace', () => {
  const outsideMessage = (file: string) => `policy.file ${file} cannot be read (it is outside the workspace; pass --allow-outside-policy to read it), so the manifest cannot be compared with the policy`;

  it('a policy.file outside the root, absolute or through a link is refused at its position, unless allowed', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'privacy-lens-outside-'));
    try {
      writeFileSync(join(outside, 'secret.md'), '# Privacy\nWe share with Stripe.\n');
      symlinkSync(join(outside, 'secret.md'), join(dir, 'linked.md'));
      const up = join('..', outside.split('/').pop()!, 'secret.md');
      for (const file of [up, join(outside, 'secret.md'), 'linked.md', '../../../../etc/shadow']) {
        write('data-inventory.yaml', `${MANIFEST}policy:\n  file: ${file}\n`);
        const drift = (await scan()).findings.filter((f) => f.rule === 'policy-drift');
        assert.deepEqual(drift.map((f) => [f.line, f.column, f.message]), [[5, 9, outsideMessage(file)]], file);
      }
      write('data-inventory.yaml', `${MANIFEST}policy:\n  file: ${up}\n`);
      const allowed = await scanWorkspace({ root: dir, cacheDir: null, workers: 0, allowOutsidePolicy: true });
      assert.ok(!allowed.findings.some((f) => f.message.includes('cannot be read')));
      const viaCli = await cli(['scan', dir, '--no-cache', '--format', 'json', '--allow-outside-policy']);
      assert.ok(!viaCli.stdout.includes('outside the workspace'));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a policy.file inside the root is read as before', async () => {
    write('docs/privacy.md', '# Privacy\nWe collect your email address.\n');
    write('data-inventory.yaml', `${MANIFEST}policy:\n  file: ./docs/../docs/privacy.md\n`);
    assert.ok(!(await scan()).findings.some((f) => f.rule === 'policy-drift' && f.message.includes('cannot be read')));
  });
});

posixOnly('never silence', () => {
  it('links inside the workspace are followed, each file analysed once, loops cut; links out, broken links and unreadable folders are listed', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'privacy-lens-outside-'));
    try {
      write('data-inventory.yaml', MANIFEST);
      write('src/a.ts', 'export const a = 1;\n');
      write('node_modules/pkg/index.js', 'module.exports = 1;\n');
      write('settings.txt', 'export const s = 1;\n');
      writeFileSync(join(outside, 'x.ts'), 'export const x = 1;\n');
      symlinkSync(join(dir, 'src/a.ts'), join(dir, 'src/b.ts'));
      symlinkSync(join(dir, 'src'), join(dir, 'lib'));
      symlinkSync('..', join(dir, 'src/loop'));
      symlinkSync(join(dir, 'settings.txt'), join(dir, 'src/settings.ts'));
      symlinkSync(join(dir, 'node_modules/pkg'), join(dir, 'pkg'));
      symlinkSync(join(outside, 'x.ts'), join(dir, 'out.ts'));
      symlinkSync(outside, join(dir, 'outdir'));
      symlinkSync(join(dir, 'nowhere.ts'), join(dir, 'broken.ts'));
      symlinkSync(join(dir, 'data-inventory.yaml'), join(dir, 'notes.yaml'));
      mkdirSync(join(dir, 'locked'));
      chmodSync(join(dir, 'locked'), 0);
      const result = await scan();
      chmodSync(join(dir, 'locked'), 0o755);
      // src/a.ts at its own path only (not as src/b.ts, lib/a.ts or src/loop/src/a.ts); the text file only a link names as a source.
      assert.deepEqual(listSourceFiles(dir).map((f) => f.relative), ['src/a.ts', 'src/settings.ts']);
      assert.equal(result.filesScanned, 2);
      const expected = [
        'broken.ts: a broken link, not followed',
        'out.ts: a link to outside the workspace, not followed',
        'outdir: a link to outside the workspace, not followed',
        'pkg: a link to node_modules/pkg, which the scan excludes, not followed',
      ];
      // Root reads any folder: the unreadable folder is only listed for other users.
      if (process.getuid?.() !== 0) expected.unshift('locked: folder not read (EACCES)');
      assert.deepEqual(result.skipped.map((s) => `${s.file}: ${s.reason}`).sort(), expected.sort());
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a link into a folder of the workspace, and one back from it, list its files once; into an excluded folder, the link is listed', () => {
    write('vendor/kit/k.ts', 'export const k = 1;\n');
    symlinkSync(join(dir, 'vendor/kit'), join(dir, 'kit'));
    symlinkSync(join(dir, 'kit'), join(dir, 'vendor/kit/again'));
    assert.deepEqual(listSourceFiles(dir).map((f) => f.relative), ['vendor/kit/k.ts']);
    const unread: UnreadFile[] = [];
    assert.deepEqual(listSourceFiles(dir, { exclude: ['vendor/**'], unread }).map((f) => f.relative), []);
    assert.deepEqual(unread.map((u) => u.reason), ['a link to vendor/kit, which the scan excludes, not followed']);
  });
});

posixOnly('manifest edits you can trust', () => {
  it('fix refuses to write through a manifest that links outside the workspace', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'privacy-lens-outside-'));
    try {
      cpSync(join(__dirname, '../../../examples/mailroom'), dir, { recursive: true });
      renameSync(join(dir, 'data-inventory.yaml'), join(outside, 'elsewhere.yaml'));
      symlinkSync(join(outside, 'elsewhere.yaml'), join(dir, 'data-inventory.yaml'));
      const before = readFileSync(join(outside, 'elsewhere.yaml'), 'utf8');
      const r = await cli(['fix', dir]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'privacy-lens: the manifest is a link to a file outside the workspace; nothing was written\n');
      assert.equal(readFileSync(join(outside, 'elsewhere.yaml'), 'utf8'), before);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a UTF-16 manifest (either byte order) is read, and fix writes it back in UTF-16', async () => {
    write('src/a.ts', 'export function a(req: any) {\n  const email = req.body.email;\n  return email;\n}\n');
    const text = 'version: 1\ncategories:\n  - user.name\n';
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      writeFileSync(join(dir, 'data-inventory.yaml'), encoding === 'utf16le' ? le : Buffer.from(le).swap16());
      const file = readManifestFile(dir);
      assert.equal(file.status, 'ok', JSON.stringify(file));
      assert.match((await cli(['fix', dir])).stdout, /^Applied 1 fix/);
      const bytes = readFileSync(join(dir, 'data-inventory.yaml'));
      const back = encoding === 'utf16le' ? bytes : Buffer.from(bytes).swap16();
      assert.deepEqual([...back.subarray(0, 2)], [0xff, 0xfe]);
      assert.equal(back.subarray(2).toString('utf16le'), `${text}  - user.contact.email\n`);
    }
  });

  it('YAML aliases are read as what they stand for; aliases that expand too far are a positioned error', () => {
    const shared = parseManifest('version: 1\ncategories: &cats\n  - user.name\npurposes:\n  - id: a\n    basis: contract\n    categories: *cats\n');
    assert.ok(shared.ok, JSON.stringify(shared.errors));
    assert.deepEqual(shared.manifest.purposes[0].categories, ['user.name']);
    // Nine levels of ten aliases each: a billion names in a few hundred bytes.
    const names = 'abcdefghi';
    const levels = [`  a: &a [${Array(10).fill('user.name').join(', ')}]`];
    for (let i = 1; i < names.length; i++) levels.push(`  ${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(', ')}]`);
    const started = Date.now();
    const bomb = parseManifest(`version: 1\nrules:\n${levels.join('\n')}\ncategories: *i\n`);
    assert.ok(Date.now() - started < 2000, 'the expansion is refused, not walked');
    assert.equal(bomb.ok, false);
    assert.deepEqual(bomb.errors.map((e) => [e.line, e.message]), [[4, 'the aliases of the manifest expand too far (more than 1000); spell the lists out']]);
  });

  it('a multi-document manifest and a manifest that is a folder get messages that say so', async () => {
    const two = parseManifest('version: 1\ncategories: [user.name]\n---\nversion: 1\n');
    assert.equal(two.ok, false);
    assert.deepEqual(two.errors.map((e) => [e.line, e.message]), [[3, 'the manifest holds more than one YAML document (a second one starts at this "---"); keep everything in one document']]);
    mkdirSync(join(dir, 'data-inventory.yaml'));
    const r = await cli(['fix', dir]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'privacy-lens: the manifest data-inventory.yaml is invalid (data-inventory.yaml:1:1 the manifest data-inventory.yaml cannot be read: it is a folder, not a file); fix it (or run init) first\n');
  });

  it('an empty list (`key:` or `key: ~`) is a list with nothing in it', () => {
    const empty = parseManifest('version: 1\ncategories:\npurposes: ~\nvendors:\nignore:\n');
    assert.ok(empty.ok, JSON.stringify(empty.errors));
    assert.deepEqual([empty.manifest.categories, empty.manifest.purposes, empty.manifest.vendors, empty.manifest.ignore], [[], [], [], []]);
  });

  it('fix appends to a flow list that ends in a comment line, and says which fixes it could not make', async () => {
    write('src/a.ts', 'export function a(req: any) {\n  const email = req.body.email;\n  return email;\n}\n');
    write('data-inventory.yaml', 'version: 1\ncategories: [user.name,\n  # more to come\n]\n');
    assert.match((await cli(['fix', dir])).stdout, /^Applied 1 fix/);
    assert.equal(readFileSync(join(dir, 'data-inventory.yaml'), 'utf8'), 'version: 1\ncategories: [user.name, user.contact.email,\n  # more to come\n]\n');
    const finding = { rule: 'undeclared-sharing', severity: 'error', file: 'src/a.ts', line: 2, column: 1, endLine: 2, endColumn: 9, message: '', vendor: 'stripe', categories: ['user.name'] } satisfies Finding;
    const manifest = parseManifest(MANIFEST);
    assert.ok(manifest.ok);
    const r = applyFixes(MANIFEST, [finding, finding], manifest.manifest, 'data-inventory.yaml');
    assert.deepEqual(r, { text: MANIFEST, applied: [], failed: ['Declare user.name for Stripe (undeclared-sharing at src/a.ts:2): no vendor "stripe" in vendors'] });
  });

  it('fix refuses a manifest changed on disk since it was read', () => {
    const path = write('data-inventory.yaml', MANIFEST);
    assert.equal(writeRefusal(dir, path, MANIFEST), undefined);
    assert.equal(writeRefusal(dir, path, `${MANIFEST}# an edit made meanwhile\n`), 'the manifest changed on disk while fix ran; run fix again');
  });
});

/** Runs the CLI in-process. */
async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    (s) => {
      stdout += s;
    },
    (s) => {
      stderr += s;
    },
  );
  return { code, stdout, stderr };
}

/** The callbacks Array#some, #find, #findIndex, #filter and #every run during `fn`: a count of work that does not depend on the machine's speed. */
function countCallbacks(fn: () => void): number {
  const names = ['some', 'find', 'findIndex', 'filter', 'every'] as const;
  const saved = names.map((n) => Array.prototype[n]);
  let calls = 0;
  names.forEach((n, i) => {
    const original = saved[i] as (this: unknown[], cb: (...a: unknown[]) => unknown, thisArg?: unknown) => unknown;
    (Array.prototype as unknown as Record<string, unknown>)[n] = function (this: unknown[], cb: (...a: unknown[]) => unknown, thisArg?: unknown) {
      return original.call(this, (...a: unknown[]) => (calls++, cb.apply(thisArg, a)));
    };
  });
  try {
    fn();
  } finally {
    names.forEach((n, i) => ((Array.prototype as unknown as Record<string, unknown>)[n] = saved[i]));
  }
  return calls;
}

function pick(r: ReturnType<typeof readRegularFile>): [string, string] | 'ok' {
  return r.ok ? 'ok' : [r.code, r.reason];
}
