#!/usr/bin/env node
// test/e2e/run.mjs - runs Privacy Lens inside a REAL VS Code (code-server = VS Code server + web
// workbench + Node extension host), offline, driven by Debian chromium through playwright-core.
// Needs `bash test/e2e/setup.sh` first (it writes <cache>/env.json) and a packaged extension.
//
//   1. code-server on 127.0.0.1:<free port>, all state in a temp run folder, own process group
//   2. `--install-extension <vsix>` (what the UI check sees is the packaged extension)
//   3. in-host mocha suite: the workbench is opened with extensionDevelopmentPath=<root> and
//      extensionTestsPath=<suite>; the suite runs inside the extension host (like
//      @vscode/test-electron); its output comes back through window.codeAutomationLog, its exit
//      code through window.codeAutomationExit
//   4. UI check in chromium against the installed vsix, expectations from a JSON file
//   5. restricted mode: workspace trust switched on, a third workspace copy opened untrusted, with
//      workspace settings that point elsewhere; the in-host suite of test/suite-restricted runs
//      there, and the harness clicks "Trust" in the Workspace Trust editor when it asks for it
//   6. one line per check, then exactly `N passed, N failed`; exit 1 if anything failed
//
// Usage: node test/e2e/run.mjs [--root DIR] [--vsix FILE] [--suite FILE] [--restricted-suite FILE]
//          [--workspace DIR] [--expect FILE] [--out DIR] [--cache DIR] [--timeout SEC] [--skip-suite]
//          [--skip-ui] [--skip-restricted] [--keep-tmp] [--verbose] [--app DIR]
//   --app DIR: a real application instead of the bundled workspace (UI only, see README.md)
// Defaults: root = this repo, <root>/dist/privacy-lens.vsix, <root>/out/test/suite/index.js,
//           <root>/out/test/suite-restricted/index.js,
//           <root>/test/e2e/workspace, <root>/test/e2e/ui-expectations.json, <root>/test-results/e2e,
//           cache = $PRIVACY_LENS_E2E_CACHE or ~/.cache/privacy-lens-e2e, timeout 600 s.
import { chromium } from 'playwright-core';   // the project's devDependency (node_modules of this repo)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dataMapSteps, realAppSteps, sleep, themeSteps, until } from './data-map-steps.mjs';

// ------------------------------------------------------------------------------------ options
const here = path.dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    root: { type: 'string' }, vsix: { type: 'string' }, suite: { type: 'string' }, 'restricted-suite': { type: 'string' },
    workspace: { type: 'string' }, expect: { type: 'string' }, out: { type: 'string' },
    cache: { type: 'string' }, timeout: { type: 'string' },
    'skip-suite': { type: 'boolean' }, 'skip-ui': { type: 'boolean' }, 'skip-restricted': { type: 'boolean' },
    'keep-tmp': { type: 'boolean' }, verbose: { type: 'boolean' }, app: { type: 'string' },
  },
});
const ROOT = path.resolve(opt.root ?? path.join(here, '..', '..'));
const VSIX = path.resolve(opt.vsix ?? path.join(ROOT, 'dist', 'privacy-lens.vsix'));
const SUITE = path.resolve(opt.suite ?? path.join(ROOT, 'out', 'test', 'suite', 'index.js'));
const RESTRICTED_SUITE = path.resolve(opt['restricted-suite'] ?? path.join(ROOT, 'out', 'test', 'suite-restricted', 'index.js'));
// --app DIR: a real application, copied, given a drafted manifest when it has none; UI check only
const APP = opt.app ? path.resolve(opt.app) : undefined;
const WORKSPACE = APP ?? path.resolve(opt.workspace ?? path.join(ROOT, 'test', 'e2e', 'workspace'));
const EXPECT = path.resolve(opt.expect ?? path.join(ROOT, 'test', 'e2e', 'ui-expectations.json'));
const OUT = path.resolve(opt.out ?? path.join(ROOT, 'test-results', 'e2e'));
const CACHE = path.resolve(opt.cache ?? process.env.PRIVACY_LENS_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'privacy-lens-e2e'));
const OVERALL_MS = Number(opt.timeout ?? (APP ? 900 : 600)) * 1000;
const APP_SCAN_MS = 420_000;       // --app: Scan Workspace, command to summary
const SUITE_MS = 300_000;          // in-host suite, launch to exit
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

// ------------------------------------------------------------------------------------ reporting
const T0 = Date.now();
const secs = () => ((Date.now() - T0) / 1000).toFixed(1);
const info = (...a) => console.log(`[e2e +${secs()}s]`, ...a);
const counts = { passed: 0, failed: 0 };
/** one result line per check; `counted: false` = a harness step whose success is not a test */
function result(ok, name, detail = '', counted = true) {
  if (counted || !ok) counts[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` - ${detail}` : ''}`);
}
const firstLine = e => String(e?.message ?? e).split('\n')[0];

// ------------------------------------------------------------------------------------ processes
const groups = new Set();          // process groups we started (pgid = pid: spawned detached = setsid)
/** pids of every live (non-zombie) process of session `sid` (Linux /proc) */
function sessionPids(sid) {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');   // state ppid pgrp session ...
      if (Number(f[3]) === sid && f[0] !== 'Z') pids.push(Number(d));
    } catch { /* gone */ }
  }
  return pids;
}
function killGroup(pgid, sig) {
  try { process.kill(-pgid, sig); } catch { /* already gone */ }
  for (const pid of sessionPids(pgid)) { try { process.kill(pid, sig); } catch { /* gone */ } }
}
/** TERM the group (and anything left in its session), wait, then KILL; true if nothing is left */
async function stopGroup(pgid) {
  killGroup(pgid, 'SIGTERM');
  const gone = () => sessionPids(pgid).length === 0;
  try { await until('process group exit', 10_000, gone, 100); }
  catch { killGroup(pgid, 'SIGKILL'); try { await until('process group exit after SIGKILL', 5_000, gone, 100); } catch { /* reported */ } }
  groups.delete(pgid);
  return gone();
}
function killAllNow() { for (const g of groups) killGroup(g, 'SIGKILL'); groups.clear(); }
process.on('exit', killAllNow);    // last resort: synchronous

/** runs a command detached (own group) with a deadline; resolves { code, out } */
function runCapture(cmd, args, { env, timeoutMs }) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    groups.add(child.pid);
    let out = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { out += d; });
    const timer = setTimeout(() => { out += `\n[killed after ${timeoutMs / 1000}s]`; killGroup(child.pid, 'SIGKILL'); }, timeoutMs);
    child.on('error', e => { out += String(e); });
    child.on('close', code => { clearTimeout(timer); killGroup(child.pid, 'SIGKILL'); groups.delete(child.pid); resolve({ code, out }); });
  });
}
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

// ------------------------------------------------------------------------------------ state
let tmp = '';                      // temp run folder (code-server state, workspace copies, profiles)
let server = null;                 // { pid, port, base }
let finished = false;
const contexts = new Set();        // open browser contexts

async function finish(code) {
  if (finished) return;
  finished = true;
  // close browsers first (a bounded wait), so none is left behind on a timeout or a signal;
  // a browser still open here means we were interrupted: keep a picture of where
  await Promise.race([Promise.all([...contexts].map(async (c, i) => {
    await c.pages()[0]?.screenshot({ path: path.join(OUT, `interrupted-${i + 1}.png`), timeout: 5_000 }).catch(() => {});
    await c.close().catch(() => {});
  })), sleep(15_000)]);
  if (server) {
    const clean = await stopGroup(server.pid);
    result(clean, 'harness: code-server stopped, nothing of its process group left', `pgid ${server.pid}`, false);
    server = null;
  }
  killAllNow();
  if (tmp) {
    // keep VS Code's logs (server, remote extension host, ...) next to the screenshots
    const logs = path.join(tmp, 'user-data', 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(OUT, 'vscode-logs'), { recursive: true });
    if (opt['keep-tmp']) info(`run folder kept: ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (counts.failed) info(`artifacts: ${OUT}`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(code ?? (counts.failed ? 1 : 0));
}
for (const [sig, n] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => { console.log(`\n[e2e] ${sig}: stopping`); counts.failed++; finish(n); });
}
const overall = setTimeout(() => {
  result(false, 'harness: overall timeout', `${OVERALL_MS / 1000}s`);
  finish(1);
}, OVERALL_MS);
overall.unref();

// ------------------------------------------------------------------------------------ helpers
function copyWorkspace(dest) {
  fs.cpSync(WORKSPACE, dest, { recursive: true, filter: src => !/[\\/](node_modules|\.git)$/.test(src) });
  return dest;
}
/** Files under dir, without node_modules and .git. */
function countFiles(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.git') n += countFiles(path.join(dir, e.name)); }
    else if (e.isFile()) n++;
  }
  return n;
}
async function launchBrowser(name) {
  const profile = fs.mkdtempSync(path.join(tmp, `chromium-${name}-`));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },   // crashpad: not ~/.config
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,   // finish() closes it
  });
  contexts.add(ctx);
  ctx.on('close', () => contexts.delete(ctx));
  return ctx;
}
function workbenchUrl(folder, payload) {
  let url = `${server.base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

// ------------------------------------------------------------------------------------ 1+2. server
async function startServer(env) {
  const cs = JSON.parse(fs.readFileSync(path.join(CACHE, 'env.json'), 'utf8'));
  const base = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', path.join(tmp, 'user-data'),
    '--extensions-dir', path.join(tmp, 'extensions')];
  const csArgs = (...a) => [cs.codeServerEntry, ...base, ...a];

  // 2. install the packaged extension (before the server starts: no reload needed)
  const inst = await runCapture(cs.node, csArgs('--install-extension', VSIX, '--force'), { env, timeoutMs: 120_000 });
  fs.writeFileSync(path.join(OUT, 'install-extension.log'), inst.out);
  const list = await runCapture(cs.node, csArgs('--list-extensions', '--show-versions'), { env, timeoutMs: 60_000 });
  const installed = list.out.split('\n').filter(l => /^[\w-]+\.[\w-]+@/.test(l)).join(', ');
  result(inst.code === 0 && /successfully installed/i.test(inst.out) && installed !== '',
    'harness: vsix installed with --install-extension', installed || firstLine(inst.out), false);

  // 1. start the server; retry with another port if it dies before /healthz answers
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const log = fs.openSync(path.join(OUT, 'code-server.log'), attempt === 1 ? 'w' : 'a');
    const child = spawn(cs.node, csArgs('--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      // no --disable-workspace-trust: the user setting switches trust off, and the restricted run on
      '--disable-telemetry', '--disable-update-check',
      '--disable-getting-started-override', '--reconnection-grace-time', '30',
      '--vscode-option', 'enable-smoke-test-driver'),       // makes the workbench honour the test payload
    { env, detached: true, stdio: ['ignore', log, log] });   // detached = setsid: pid = pgid = sid
    fs.closeSync(log);
    groups.add(child.pid);
    let exited = false;
    child.on('exit', () => { exited = true; });
    server = { pid: child.pid, port, base: `http://127.0.0.1:${port}` };
    try {
      await until('code-server /healthz', 60_000, async () => {
        if (exited) throw new Error('code-server exited');
        try { return (await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(2000) })).ok; } catch { return false; }
      }, 100);
      result(true, 'harness: code-server up', `${server.base} (pid ${child.pid}, ${cs.codeServerVersion})`, false);
      return true;
    } catch (e) {
      await stopGroup(child.pid);
      server = null;
      if (attempt === 3) { result(false, 'harness: code-server up', firstLine(e)); return false; }
      info(`code-server did not come up (${firstLine(e)}), retrying on another port`);
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------ 3. in-host suite
const stripAnsi = s => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
/**
 * codeAutomationLog gets the extension host's console calls as `String([format, ...args])`,
 * e.g. "%d passing (%s),2,8s": apply the printf-style format again. An argument holding commas
 * was split: the surplus pieces go to the first %s whose piece is not a bare number (mocha's
 * "✔ %s (%dms)" with a title like "a, b"); for display only, the counts never depend on it.
 */
function formatLogged(message) {
  const parts = stripAnsi(String(message)).split(',');
  const fmt = parts[0];
  const ph = fmt.match(/%[sdifjoOc]/g) ?? [];
  if (!ph.length) return parts.join(',');
  const args = parts.slice(1);
  let extra = Math.max(0, args.length - ph.length);
  let i = 0;
  const text = fmt.replace(/%([sdifjoOc%])/g, (m, c) => {
    if (c === '%') return '%';
    if (!args.length) return m;
    let take = 1;
    if (extra && (i === ph.length - 1 || (c === 's' && !/^\s*\d+\s*$/.test(args[0])))) { take += extra; extra = 0; }
    i++;
    const v = args.splice(0, take).join(',');
    return c === 'c' ? '' : v;
  });
  return args.length ? `${text} ${args.join(',')}` : text;
}
// the workbench's own chatter (it is in suite-output.log, not on stdout unless --verbose)
const NOISE = /^(Resolving connection token|Creation of workbench contribution|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AccountPolicyGate\]|\[AgentHost|Timed out waiting for authentication provider|getaddrinfo ENOTFOUND|Extension host \(|Started local extension host|\[vsda\]|.*vsda)/;

/**
 * Runs an in-host suite in a fresh browser on workspace copy `ws`. `onLine(text, page)` sees every
 * line the workbench forwards (the suite's console output among them), so that the harness can act
 * in the UI when the suite asks for it.
 */
async function runSuite({ name = 'in-host suite', suite = SUITE, ws, onLine } = {}) {
  if (!fs.existsSync(suite)) { result(false, name, `not found: ${suite}`); return; }
  ws ??= copyWorkspace(path.join(tmp, 'ws-suite', path.basename(WORKSPACE)));
  const remote = p => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const url = workbenchUrl(ws, [['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(suite)]]);
  const logName = name === 'in-host suite' ? 'suite' : name.replace(/\W+/g, '-');
  const lines = [], stamps = [];
  const ctx = await launchBrowser('suite');
  try {
    let resolveExit;
    const exited = new Promise(r => { resolveExit = r; });
    await ctx.exposeBinding('codeAutomationExit', (_src, code, logs) => {
      // logs = the workbench's own log files ({ relativePath, contents }[])
      try {
        for (const l of Array.isArray(logs) ? logs : []) {
          const f = path.join(OUT, `${logName}-workbench-logs`, String(l.relativePath).replace(/\.\.(\/|$)/g, ''));
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, String(l.contents));
        }
      } catch { /* best effort */ }
      resolveExit(code);
    });
    await ctx.exposeBinding('codeAutomationLog', (_src, level, message) => {
      // everything the workbench logs; the extension host's console (mocha's reporter) is in it
      const text = formatLogged(message);
      lines.push(`[${level}] ${text}`);
      stamps.push(secs());
      if (opt.verbose || !NOISE.test(text)) for (const l of text.split('\n')) console.log(`  | ${l}`);
      onLine?.(text, page);
    });
    const page = ctx.pages()[0] ?? await ctx.newPage();
    if (opt.verbose) page.on('console', m => console.log('  [browser]', m.text()));
    info(`${name}: opening the workbench with extensionTestsPath=${suite}`);
    const t = Date.now();
    await page.goto(url, { timeout: 60_000 });
    const code = await Promise.race([exited, sleep(SUITE_MS).then(() => 'timeout')]);
    fs.writeFileSync(path.join(OUT, `${logName}-output.log`), lines.map((l, i) => `+${stamps[i]}s ${l}`).join('\n') + '\n');
    info(`${name}: extension host exited with ${code}`);
    if (code === 'timeout') {
      await page.screenshot({ path: path.join(OUT, `${logName}-timeout.png`) }).catch(() => {});
      result(false, name, `no exit after ${SUITE_MS / 1000}s (is extensionTestsPath right? does run() settle?)`);
      return;
    }
    // counts: mocha's epilogue ("N passing", "N failing", "N pending"), printed by spec/dot/list reporters
    const all = lines.map(l => l.replace(/^\[\w+\] /, '')).join('\n');
    const n = re => { const m = [...all.matchAll(re)].pop(); return m ? Number(m[1]) : undefined; };
    const passing = n(/^\s*(\d+) passing\b/gm), failing = n(/^\s*(\d+) failing\b/gm) ?? 0, pending = n(/^\s*(\d+) pending\b/gm) ?? 0;
    if (passing === undefined) {
      result(false, name, `exit code ${code}, but no mocha summary ("N passing") in its output`);
      return;
    }
    counts.passed += passing;
    counts.failed += failing;
    let detail = `${passing} passing, ${failing} failing${pending ? `, ${pending} pending` : ''}, exit code ${code} (${((Date.now() - t) / 1000).toFixed(1)}s)`;
    if (code !== 0 && failing === 0) { counts.failed++; detail += ' (run() rejected: counted as 1 failure)'; }
    if (code === 0 && failing > 0) { counts.failed++; detail += ' (but exit code 0: counted as 1 more failure)'; }
    console.log(`${code === 0 && failing === 0 ? 'ok  ' : 'FAIL'} ${name} - ${detail}`);
  } finally {
    await ctx.close().catch(() => {});
  }
}

// ------------------------------------------------------------------------------------ 4. UI check
async function runUi() {
  let expect;
  try {
    expect = JSON.parse(fs.readFileSync(EXPECT, 'utf8'));
    for (const k of ['file', 'hoverWord', 'hoverText']) if (typeof expect[k] !== 'string') throw new Error(`"${k}" must be a string`);
    if (!Array.isArray(expect.problems)) throw new Error('"problems" must be an array of strings');
    if (expect.hoverLine !== undefined && !Number.isInteger(expect.hoverLine)) throw new Error('"hoverLine" must be a line number (1-based)');
  } catch (e) { result(false, 'ui: expectations', `${EXPECT}: ${firstLine(e)}`); return; }
  const ws = copyWorkspace(path.join(tmp, 'ws-ui', path.basename(WORKSPACE)));
  const fileName = path.basename(expect.file);
  await uiSession(async (page, step, stop) => {
  const squiggles = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info';
    if (!await loadWorkbench(page, step, ws)) stop();
    if (!await step(`${expect.file} opens in an editor`, async () => {
      const tab = page.locator(`.tab[data-resource-name="${fileName}"]`).first();
      const segs = expect.file.split('/');
      try {
        for (const [i, seg] of segs.entries()) {
          const item = page.locator('.explorer-folders-view').getByRole('treeitem', { name: seg, exact: true }).first();
          await item.waitFor({ timeout: 15_000 });
          if (i < segs.length - 1) { if (await item.getAttribute('aria-expanded') !== 'true') await item.click(); }
          else await item.dblclick();               // double click: a pinned editor, not a preview
        }
        await tab.waitFor({ timeout: 15_000 });
        return 'via the Explorer tree';
      } catch (e) {                                  // fall back to Quick Open (Ctrl+P)
        info(`explorer walk failed (${firstLine(e)}), trying Quick Open`);
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(expect.file);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 20_000 });
        await page.keyboard.press('Enter');
        await tab.waitFor({ timeout: 15_000 });
        return 'via Quick Open';
      }
    })) stop();
    await step('squiggle in the editor', async () => {
      const s = page.locator(squiggles).first();
      await s.waitFor({ state: 'attached', timeout: 90_000 });   // activation + first analysis
      await sleep(300);                                          // let the decoration paint for the shot
      await page.screenshot({ path: path.join(OUT, 'ui-editor.png') });
      return (await s.getAttribute('class')).split(/\s+/).find(c => c.startsWith('squiggly-'));
    });
    await step(`Problems panel lists ${JSON.stringify(expect.problems)}`, async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Shift+M');               // View: Show Problems
      await page.locator('.markers-panel').first().waitFor({ timeout: 15_000 });
      const readRows = async () => (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
      let rows = [];
      try {
        await until(`rows containing ${JSON.stringify(expect.problems)}`, 30_000, async () => {
          rows = await readRows();
          return expect.problems.every(p => rows.some(r => r.includes(p)));
        }, 250);
      } finally { for (const r of rows) console.log(`  | problems row: ${r}`); }
      return `${rows.length} row(s)`;
    });
    const where = expect.hoverLine ? ` (line ${expect.hoverLine})` : '';
    await step(`hover on "${expect.hoverWord}"${where} shows "${expect.hoverText}"`, async () => {
      const hover = page.locator('.monaco-hover', { hasText: expect.hoverText }).first();
      let lastErr;
      // each attempt takes the word's boxes afresh (the editor re-lays out when panels open) and
      // hovers the next candidate: occurrences under a squiggle first, then the others
      for (let attempt = 1, tried = 0; attempt <= 6; attempt++) {
        let box;
        try {
          await page.mouse.move(2, 2);
          const boxes = await page.evaluate(({ word, sel }) => {
            const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            const squig = [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect());
            const numbers = [...document.querySelectorAll('.monaco-editor .line-numbers')]
              .map(e => ({ r: e.getBoundingClientRect(), n: Number(e.textContent) }));
            const found = [];
            for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
              const ly = line.getBoundingClientRect().y;
              const lineNo = numbers.find(x => Math.abs(x.r.y - ly) < 3)?.n;
              const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
              for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                for (const m of t.data.replace(/\u00a0/g, ' ').matchAll(new RegExp(`\\b${esc}\\b`, 'g'))) {
                  const r = document.createRange();          // the word's own box on the rendered text
                  r.setStart(t, m.index); r.setEnd(t, m.index + word.length);
                  const b = r.getBoundingClientRect();
                  const cy = b.y + b.height / 2;              // same line: its middle is within the squiggle's
                  const under = squig.some(s => s.x < b.x + b.width && b.x < s.x + s.width && s.y <= cy && cy <= s.y + s.height);
                  if (b.width > 0) found.push({ x: b.x, y: b.y, w: b.width, h: b.height, line: lineNo, under });
                }
              }
            }
            return found.sort((p, q) => Number(q.under) - Number(p.under) || p.line - q.line);
          }, { word: expect.hoverWord, sel: squiggles });
          const cands = expect.hoverLine ? boxes.filter(c => c.line === expect.hoverLine) : boxes;
          if (!cands.length) throw new Error(`"${expect.hoverWord}"${where} is not visible in the editor`);
          box = cands[tried++ % cands.length];
          await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2, { steps: 4 });
          await hover.waitFor({ state: 'visible', timeout: 5_000 });
          const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
          console.log(`  | hover: ${text.slice(0, 300)}`);
          await page.screenshot({ path: path.join(OUT, 'ui-hover.png') });
          return `attempt ${attempt}, line ${box.line}${box.under ? ', under a squiggle' : ''}`;
        } catch (e) {
          const seen = (await page.locator('.monaco-hover').allInnerTexts().catch(() => [])).map(t => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
          lastErr = new Error(`${firstLine(e)}${box ? ` (last tried line ${box.line})` : ''}${seen.length ? `; hover shows: ${JSON.stringify(seen).slice(0, 300)}` : '; no hover shown'}`);
        }
      }
      throw lastErr;
    });
    await dataMapSteps(page, step, OUT);
    await themeSteps(page, step, OUT);
  });
}

/**
 * A fresh browser on the workbench; `body(page, step, stop)` runs the steps. A step returns true
 * when it passed; after `stop()` the remaining steps are reported as skipped.
 */
async function uiSession(body) {
  const ctx = await launchBrowser('ui');
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const consoleLog = [];
  page.on('console', m => consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', e => consoleLog.push(`[pageerror] ${e.message}`));
  let n = 0;
  let broken = false;                  // later steps make no sense after, e.g., the file failed to open
  const step = async (name, fn) => {
    n++;
    if (broken) { result(false, `ui: ${name}`, 'skipped (an earlier step failed)'); return; }
    const t = Date.now();
    const took = () => `${((Date.now() - t) / 1000).toFixed(1)}s`;
    try { const d = await fn(); result(true, `ui: ${name}`, d === undefined ? took() : `${d} (${took()})`); return true; }
    catch (e) {
      result(false, `ui: ${name}`, `${firstLine(e)} (${took()})`);
      await page.screenshot({ path: path.join(OUT, `ui-failure-${n}.png`) }).catch(() => {});
      return false;
    }
  };
  try {
    await body(page, step, () => { broken = true; });
  } finally {
    fs.writeFileSync(path.join(OUT, 'ui-browser-console.log'), consoleLog.join('\n') + '\n');
    await ctx.close().catch(() => {});
  }
}

function loadWorkbench(page, step, ws) {
  return step('workbench loads with the workspace', async () => {
    await page.goto(workbenchUrl(ws), { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  });
}

// ------------------------------------------------------------------------------------ 4b. --app
/**
 * Both views on a real application: a copy of it (never the original), a manifest drafted by the
 * CLI's `init` when it has none, then Scan Workspace, the Inventory, the Data Map (filter, zoom)
 * and the three themes. The figures go to <out>/real-app.json and the last info line.
 */
async function runApp(env) {
  const ws = copyWorkspace(path.join(tmp, 'ws-app', path.basename(WORKSPACE)));
  const figures = { app: path.basename(WORKSPACE), files: countFiles(ws) };
  const manifest = path.join(ws, 'data-inventory.yaml');
  if (!fs.existsSync(manifest)) {
    const t = Date.now();
    const init = await runCapture(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'init', ws, '--output', manifest, '--quiet'], { env, timeoutMs: 300_000 });
    figures.initSeconds = (Date.now() - t) / 1000;
    result(init.code === 0 && fs.existsSync(manifest), 'app: manifest drafted with privacy-lens init', `${figures.initSeconds.toFixed(1)}s${init.code ? `: ${firstLine(init.out)}` : ''}`);
    if (!fs.existsSync(manifest)) return;
  }
  await uiSession(async (page, step, stop) => {
    if (!await loadWorkbench(page, step, ws)) stop();
    if (!await realAppSteps(page, step, OUT, figures, APP_SCAN_MS)) stop();
    await themeSteps(page, step, OUT, 'real');
  });
  fs.writeFileSync(path.join(OUT, 'real-app.json'), JSON.stringify(figures, null, 2) + '\n');
  info(`app figures: ${JSON.stringify(figures)}`);
}

// ------------------------------------------------------------------------------------ 5. restricted mode
/** What the restricted suite logs when it wants the harness to grant trust (test/suite-restricted). */
const GRANT_TRUST = '[privacy-lens-e2e] grant workspace trust';

/**
 * The suite of test/suite-restricted on a workspace copy opened untrusted: workspace trust is
 * switched on in the user settings (with no startup prompt), the copy's .vscode/settings.json
 * points the path settings elsewhere (a manifest outside the folder, everything excluded), the
 * user settings exclude one file, and the copy has a package.json over the size limit. When the
 * suite logs GRANT_TRUST it has opened the Workspace Trust editor, and the harness clicks "Trust".
 */
async function runRestricted() {
  const parent = path.join(tmp, 'ws-restricted');
  const ws = copyWorkspace(path.join(parent, path.basename(WORKSPACE)));
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({
    'privacyLens.manifest': '../outside/data-inventory.yaml',
    'privacyLens.include': ['nothing/**'],
    'privacyLens.exclude': ['**'],
    'privacyLens.rules': { 'pii-in-logs': 'off' },      // not a restricted setting: applies in restricted mode
  }, null, 2));
  fs.mkdirSync(path.join(parent, 'outside'));
  const manifest = fs.readFileSync(path.join(ws, 'data-inventory.yaml'), 'utf8');
  fs.writeFileSync(path.join(parent, 'outside', 'data-inventory.yaml'), manifest.replace(/^system: .*$/m, 'system: Outside the folder'));
  // 5 MiB, over the 4 MiB limit; valid JSON, so that VS Code's own npm extension can parse it
  fs.writeFileSync(path.join(ws, 'package.json'), `{ "name": "e2e-shop", "description": "${'x'.repeat(5 * 1024 * 1024)}" }\n`);
  writeUserSettings({
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    'privacyLens.exclude': ['src/unopened.ts'],
  });
  let granting;
  await runSuite({
    name: 'restricted suite', suite: RESTRICTED_SUITE, ws,
    onLine: (text, page) => {
      if (!text.includes(GRANT_TRUST) || granting) return;
      granting = grantTrust(page).then(
        how => result(true, 'harness: restricted: "Trust" clicked in the Workspace Trust editor', how, false),
        e => result(false, 'harness: restricted: "Trust" clicked in the Workspace Trust editor', firstLine(e)));
    },
  });
  await granting;
}

/** Clicks "Trust" in the Workspace Trust editor the suite opened (Ctrl+Enter there as a fallback). */
async function grantTrust(page) {
  const editor = page.locator('.workspace-trust-editor');
  await editor.waitFor({ timeout: 30_000 });
  const button = editor.getByRole('button', { name: /^Trust(,|$)/ }).first();
  try {
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    return 'the button';
  } catch (e) {
    info(`the Trust button was not found (${firstLine(e)}), pressing Ctrl+Enter in the editor`);
    await editor.click();
    await page.keyboard.press('Control+Enter');
    return 'Ctrl+Enter';
  }
}

// ------------------------------------------------------------------------------------ main
async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  info(`root ${ROOT}`);
  for (const [what, p] of [['setup (run test/e2e/setup.sh)', path.join(CACHE, 'env.json')], ['vsix', VSIX], ['workspace', WORKSPACE]]) {
    if (!fs.existsSync(p)) { result(false, `harness: ${what}`, `missing ${p}`); return finish(1); }
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lens-e2e-'));
  fs.mkdirSync(path.join(tmp, 'user-data', 'User'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'extensions'));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');    // keeps code-server off ~/.config
  writeUserSettings();
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') };
  const cs = JSON.parse(fs.readFileSync(path.join(CACHE, 'env.json'), 'utf8'));
  env.PATH = `${path.dirname(cs.node)}:${env.PATH}`;
  delete env.NODE_OPTIONS;
  // inside a VS Code terminal these make code-server's CLI talk to THAT VS Code instead
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];

  if (!await startServer(env)) return finish(1);
  if (APP) {
    await runApp(env).catch(e => result(false, 'app check', firstLine(e)));
    return finish();
  }
  if (!opt['skip-suite']) await runSuite().catch(e => result(false, 'in-host suite', firstLine(e)));
  if (!opt['skip-ui']) await runUi().catch(e => result(false, 'ui check', firstLine(e)));
  if (!opt['skip-restricted']) await runRestricted().catch(e => result(false, 'restricted suite', firstLine(e)));
  return finish();
}
main().catch(e => { result(false, 'harness', e?.stack ?? String(e)); finish(1); });

/**
 * The user settings (read by each workbench as it loads): no welcome page, telemetry, updates,
 * git, chat, and no workspace trust, unless `extra` says otherwise (the restricted run).
 */
function writeUserSettings(extra = {}) {
  fs.writeFileSync(path.join(tmp, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    ...extra,
  }, null, 2));
}
