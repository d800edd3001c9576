/**
 * The workspace session: the one object every front end (CLI commands, the editor, reports) holds
 * for a workspace folder. It owns the manifest (load, errors, reload), the policy, the module map
 * and data models, the detection input, the facts of the last scan and the check options, so that
 * the same manifest gives the same rules and the same findings wherever they are shown.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, isAbsolute, join } from 'node:path';
import type { FileOutcome } from './analyze-workspace-file';
import { DocumentAnalyses } from './documents';
import type { FileFacts } from '../analysis/facts';
import type { VendorIndex } from '../core/catalog';
import { checkFacts, type CheckResult } from './check';
import { inventoryFromFacts, projectNames, type CodeInventory } from '../draft/from-code';
import { workspaceFlows } from '../linking/link';
import { detectionConfig, detectionHash, detectionInput, type DetectionInput } from '../config';
import type { Manifest } from '../manifest/types';
import { readPrismaModels } from '../prisma-models';
import { EMPTY_MODULE_MAP, readModuleMap, type ModuleMap } from '../linking/module-map';
import { relative, sep } from 'node:path';
import { gitignoreGlobs, testCodeLeftOut } from '../files';
import { loadPolicySource, type PolicySource } from '../policy/source';
import { isInside, readOptionalText, readRegularFile, type UnreadFile } from '../core/read-file';
import { decodeSource } from '../core/decode';
import { isSourceFile } from '../analysis/parse';
import { explainLine, type ExplainResult } from './explain';
import { analyzeFiles, DEFAULT_SCAN_OPTIONS, emptyManifest, factsOf, manifestFileOf, manifestFindings, manifestLocation, readManifestAt, skippedOf, type ManifestFile, type ScanOptions } from './scan';
import { parseBaseline } from '../review/baseline';
import type { FactsCache } from './cache';
import { fingerprintFindings, type ReadSource } from '../review/fingerprint';
import { legacyFingerprints } from '../review/places';
import { buildDataMap, type DataMap } from '../report/data-map';
import type { Finding, Inventory, ScanResult, SkippedFile } from '../core/types';

/** Options of a workspace session: those of a scan, fixed for the session until `configure`. */
export type WorkspaceOptions = Omit<ScanOptions, 'onProgress' | 'signal'> & {
  /**
   * A baseline file (from `privacy-lens baseline`), relative to the root: its findings are marked
   * `baselined` (the editor shows them as hints), or left out with `baselinedFindings: 'hide'`.
   * Defaults to none.
   */
  baseline?: string;
  /** What to do with baselined findings: `hint` marks them, `hide` leaves them out. Defaults to `hint`. */
  baselinedFindings?: 'hint' | 'hide';
};

/** Options of one run of the analysis. */
export interface RunOptions {
  /** Called as files are analysed. Defaults to none. */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the run: it then rejects with a ScanCancelled error. Defaults to none. */
  signal?: AbortSignal;
}

/** What a reload changed. */
export interface ReloadResult {
  /** The detection input changed (custom categories, vendors, ignore globs, data models): analysed facts are stale. */
  detectionChanged: boolean;
}

/** The manifest as the session holds it, with what detection derives from it. */
interface Loaded {
  file: ManifestFile;
  text: string | undefined;
  input: DetectionInput;
  inputHash: string;
  vendors: VendorIndex;
  policy: PolicySource | undefined;
}

/** What the facts cache keeps of a scan's check, under the key of its inputs. */
interface StoredScan {
  /** The files that could not be analysed (`skippedOf` the outcomes). */
  skipped: SkippedFile[];
  check: CheckResult;
}

/** One workspace folder: its manifest, its last scan, and the checks over them. */
export class Workspace {
  private options: WorkspaceOptions & typeof DEFAULT_SCAN_OPTIONS;
  private loaded!: Loaded;
  private moduleMap: ModuleMap = EMPTY_MODULE_MAP;
  private facts: Map<string, FileFacts> | undefined;
  /** The outcomes of the last scan whose facts are not read yet (cached facts are decoded when first used). */
  private pendingOutcomes: FileOutcome[] | undefined;
  private skippedFiles: SkippedFile[] = [];
  private lastCheck: CheckResult | undefined;
  private unreadConfig: UnreadFile[] = [];
  /** The files of `unreadConfig` when the last scan ran: its list has them, `notAnalysed` takes them from the last reload. */
  private configAtScan = new Set<string>();
  private accepted: Set<string> | undefined;
  private leftOutTests: string[] = [];
  /** The documents `checkDocument` analysed, for an incremental parse of their next text. */
  private readonly documents = new DocumentAnalyses();

  /** Opens a session on `options.root` and reads its manifest. */
  constructor(options: WorkspaceOptions) {
    this.options = { ...DEFAULT_SCAN_OPTIONS, ...options };
    this.reload();
  }

  /** The workspace root. */
  get root(): string {
    return this.options.root;
  }

  /** The manifest as read: ok, missing or invalid. */
  get manifestFile(): ManifestFile {
    return this.loaded.file;
  }

  /** The manifest when it is valid, else undefined. */
  get manifest(): Manifest | undefined {
    return this.loaded.file.status === 'ok' ? this.loaded.file.manifest : undefined;
  }

  /** The manifest's path relative to the root, with forward slashes. */
  get manifestPath(): string {
    return this.loaded.file.path;
  }

  /** The manifest's text as last read (from disk, or as given to `reload`). */
  get manifestText(): string | undefined {
    return this.loaded.text;
  }

  /** What detection needs of the manifest and data models: send it to analysis workers. */
  get detectionInput(): DetectionInput {
    return this.loaded.input;
  }

  /** A fingerprint of `detectionInput`. */
  get detectionHash(): string {
    return this.loaded.inputHash;
  }

  /** The vendor catalog with the manifest's own vendors. */
  get vendors(): VendorIndex {
    return this.loaded.vendors;
  }

  /** tsconfig paths and workspace packages, to follow imports. */
  get modules(): ModuleMap {
    return this.moduleMap;
  }

  /** True once a scan (or `setFacts`) has given the session the facts of the whole workspace. */
  get scanned(): boolean {
    return this.facts !== undefined || this.pendingOutcomes !== undefined;
  }

  /** The facts of the last scan by file, decoded from the facts cache on first use. */
  private get known(): Map<string, FileFacts> | undefined {
    if (this.pendingOutcomes) {
      this.facts = new Map(factsOf(this.pendingOutcomes).map((f) => [f.file, f]));
      this.pendingOutcomes = undefined;
    }
    return this.facts;
  }

  /** Files of the last scan that could not be analysed (or whose links or rules hit an internal error). */
  get skipped(): SkippedFile[] {
    return [...this.skippedFiles, ...(this.scanned && this.manifest ? this.workspaceCheck().skipped : [])];
  }

  /**
   * Configuration files that are there but were refused at the last reload (the `.gitignore`,
   * `package.json` files, tsconfig files, `pnpm-workspace.yaml`, Prisma schemas): a FIFO, a device,
   * a file over the size limit, a `.gitignore` line that cannot be used. Paths are relative to the
   * root, as "Not analysed" lists them; a front end can show them before any scan.
   */
  get configNotRead(): SkippedFile[] {
    return this.unreadConfig.map((u) => this.asSkipped(u));
  }

  /**
   * What "Not analysed" lists now: the configuration files refused at the last reload, then the
   * rest of the last scan's list (files, links and folders it could not read or analyse), each once.
   * A configuration file refused at the scan but read since is no longer listed.
   */
  notAnalysed(): SkippedFile[] {
    const fromScan = this.skipped.filter((s) => !this.configAtScan.has(s.file));
    return unique([...this.configNotRead, ...fromScan]);
  }

  /** An unread file as "Not analysed" lists it: relative to the root, with forward slashes. */
  private asSkipped(u: UnreadFile): SkippedFile {
    return { file: relative(this.root, u.path).split(sep).join('/'), reason: u.reason };
  }

  /** The test files the last listing (scan or `analyze`) left out, relative to the root: none with `includeTests`. */
  get testFilesLeftOut(): string[] {
    return this.leftOutTests;
  }

  /**
   * True when the session's options leave this file (relative to the root) out as test code: the
   * editor then says nothing about it, as the scan does not read it.
   */
  leavesOutAsTestCode(file: string): boolean {
    const tests = this.options.includeTests ? undefined : { keep: this.options.keepTestPaths, leftOut: [] };
    return testCodeLeftOut(this.options.include, tests)(file);
  }

  /** Changes some options (the editor's settings); facts are kept unless the manifest path changed. */
  configure(options: Partial<WorkspaceOptions>): ReloadResult {
    const manifestChanged = options.manifest !== undefined && options.manifest !== this.options.manifest;
    this.options = { ...this.options, ...options };
    this.lastCheck = undefined;
    this.readBaseline();
    return manifestChanged ? this.reload() : { detectionChanged: false };
  }

  /**
   * Re-reads the manifest (from `manifestText` when given, as the editor does for an open document,
   * else from disk), its policy, the module map and the data models. Facts of a previous scan are
   * dropped when the detection input changed, since they were analysed for another one.
   */
  reload(manifestText?: string): ReloadResult {
    const before = this.loaded?.inputHash;
    const { absolute, path } = manifestLocation(this.root, this.options.manifest);
    const fromDisk = manifestText === undefined ? readManifestAt(absolute, path) : undefined;
    const text = manifestText ?? fromDisk?.text;
    const file = fromDisk ? stripText(fromDisk) : manifestFileOf(path, text);
    const manifest = file.status === 'ok' ? file.manifest : emptyManifest(path);
    // Configuration files that could not be read (a FIFO, a link to /dev/zero, too large) are listed as not analysed.
    this.unreadConfig = [];
    const input = detectionInput(manifest, readPrismaModels(this.root, this.unreadConfig));
    this.loaded = {
      file,
      text,
      input,
      inputHash: detectionHash(input),
      vendors: detectionConfig(input).vendors,
      policy: file.status === 'ok' ? loadPolicySource(this.root, file.manifest, text, { allowOutside: this.options.allowOutsidePolicy }) : undefined,
    };
    this.moduleMap = readModuleMap(this.root, this.unreadConfig);
    // The scan reads the .gitignore again when it lists files; it is checked here so that a refused one is known before.
    if (this.options.gitignore !== false) gitignoreGlobs(this.root, this.unreadConfig);
    this.lastCheck = undefined;
    this.readBaseline();
    const detectionChanged = before !== undefined && before !== this.loaded.inputHash;
    if (detectionChanged) {
      this.facts = undefined;
      this.pendingOutcomes = undefined;
    }
    return { detectionChanged };
  }

  /**
   * Lists and analyses the workspace's files (in worker threads, reusing the facts cache), without
   * running the rules or keeping the facts. With no manifest (or an invalid one) the analysis uses
   * an empty manifest, as `init` needs.
   */
  analyze(run: RunOptions = {}, unread?: UnreadFile[]): Promise<FileOutcome[]> {
    const manifest = this.manifest ?? emptyManifest(this.manifestPath);
    return analyzeFiles({ ...this.options, ...run, onTestCodeLeftOut: (files) => (this.leftOutTests = files) }, manifest, this.loaded.input, unread);
  }

  /**
   * What the code does, for drafting a manifest (`init`): every file's flows linked across modules
   * (a wrapper module's vendor is reached by its callers), so that a draft covers what a scan finds.
   */
  async codeInventory(run: RunOptions = {}): Promise<CodeInventory> {
    const facts = factsOf(await this.analyze(run));
    const flows = workspaceFlows(facts, this.moduleMap, this.loaded.vendors);
    const names = projectNames([...this.rootPackageNames(), ...Object.keys(this.moduleMap.packages)], basename(this.root));
    return inventoryFromFacts(facts.map((f) => ({ ...f, flows: (flows.get(f.file) ?? f.flows).filter((x) => x.categories.length > 0) })), names);
  }

  /** The root package.json's name, if it has one. */
  private rootPackageNames(): string[] {
    try {
      const name = (JSON.parse(readOptionalText(join(this.root, 'package.json')) ?? '{}') as { name?: unknown }).name;
      return typeof name === 'string' ? [name] : [];
    } catch {
      return [];
    }
  }

  /** Analyses the workspace, keeps its facts and runs every rule: the result every front end prints. */
  async scan(run: RunOptions = {}): Promise<ScanResult> {
    if (this.loaded.file.status !== 'ok') {
      return { version: 1, manifest: this.manifestPath, filesScanned: 0, findings: manifestFindings(this.loaded.file), inventory: { categories: {}, vendors: {} }, skipped: [] };
    }
    const unread: UnreadFile[] = [];
    let cache: FactsCache | undefined;
    const outcomes = await analyzeFiles({ ...this.options, ...run, onTestCodeLeftOut: (files) => (this.leftOutTests = files) }, this.manifest ?? emptyManifest(this.manifestPath), this.loaded.input, unread, (c) => (cache = c));
    const notRead = unique([...this.unreadConfig, ...unread].map((u) => this.asSkipped(u)));
    // Nothing the check reads has changed since the last scan: its result is reused, and no cached facts are decoded.
    const key = cache ? this.resultKey(cache, outcomes) : undefined;
    const stored = key ? cache!.result<StoredScan>(key) : undefined;
    const outcomesSkipped = stored?.skipped ?? skippedOf(outcomes);
    this.facts = undefined;
    this.pendingOutcomes = outcomes;
    this.skippedFiles = [...notRead, ...outcomesSkipped];
    this.configAtScan = new Set(this.configNotRead.map((s) => s.file));
    this.lastCheck = stored?.check;
    const check = this.workspaceCheck();
    if (cache && key) {
      cache.setResult(key, { skipped: outcomesSkipped, check } satisfies StoredScan);
      cache.save();
    }
    const { findings, inventory, skipped } = check;
    const testFilesLeftOut = this.leftOutTests.length;
    return { version: 1, manifest: this.manifestPath, filesScanned: outcomes.length, findings: this.applyBaseline(findings), inventory, skipped: [...this.skippedFiles, ...skipped], testFilesLeftOut };
  }

  /** Replaces the facts of the last scan (a front end that analysed the files itself). */
  setFacts(facts: FileFacts[], skipped: SkippedFile[] = []): void {
    this.facts = new Map(facts.map((f) => [f.file, f]));
    this.pendingOutcomes = undefined;
    this.skippedFiles = skipped;
    this.configAtScan = new Set();
    this.lastCheck = undefined;
  }

  /** The facts of the last scan, by relative path. */
  factsOfScan(): FileFacts[] {
    const known = this.known;
    return known ? [...known.values()] : [];
  }

  /** Analyses one document's text in-process and checks it (see `checkAnalyzed`). */
  checkDocument(file: string, text: string): Finding[] {
    return this.checkAnalyzed(this.documents.analyze(text, file, detectionConfig(this.loaded.input)), text);
  }

  /**
   * Checks one file's fresh facts (an open document, analysed by the caller, e.g. in a worker) with
   * the facts of the last scan for calls into other files; the scan's facts of that file are
   * replaced. Returns that file's findings (none while the manifest is not valid), with the
   * baseline applied; `text` is the document's text, for fingerprints (else it is read from disk).
   */
  checkAnalyzed(facts: FileFacts, text?: string): Finding[] {
    const known = this.known;
    if (known) {
      known.set(facts.file, facts);
      this.lastCheck = undefined;
    }
    if (!this.manifest) return [];
    const findings = this.check([facts], false, false).findings.filter((f) => f.file === facts.file);
    return this.applyBaseline(findings, text === undefined ? undefined : (file) => (file === facts.file ? text : this.readSource(file)));
  }

  /**
   * What the engine saw on one line of a file (relative to the root, forward slashes) and why each
   * rule reported or not: the file is analysed again with a call observer and linked with the
   * workspace's facts (a scan is run first when the session has none). Nothing is cached or logged.
   * `text` is the file's text when it is not the one on disk (an editor's unsaved buffer).
   */
  async explain(file: string, line: number, run: RunOptions = {}, text?: string): Promise<ExplainResult> {
    const manifest = this.manifest;
    if (!manifest) return { ok: false, error: { message: `the manifest ${this.manifestPath} is ${this.loaded.file.status === 'missing' ? 'missing' : 'invalid'}; run privacy-lens scan to see why` } };
    if (!isSourceFile(file)) return { ok: false, error: { message: `${file} is not a JavaScript or TypeScript file (${SOURCE_KINDS})` } };
    if (!isInside(this.root, join(this.root, file))) return { ok: false, error: { message: `${file} is outside the workspace ${this.root}` } };
    let source = text;
    if (source === undefined) {
      const read = readRegularFile(join(this.root, file), this.options.maxFileSize);
      if (!read.ok) return { ok: false, error: { message: read.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${read.reason}` } };
      const decoded = decodeSource(read.bytes, this.options.maxFileSize);
      if (!decoded.ok) return { ok: false, error: { message: `cannot read ${file}: ${decoded.reason}` } };
      source = decoded.text;
    }
    if (!this.scanned) await this.scan(run);
    const known = this.known ?? new Map<string, FileFacts>();
    return explainLine({
      file,
      line,
      text: source,
      config: detectionConfig(this.loaded.input),
      manifest,
      vendors: this.loaded.vendors,
      severities: this.options.severities,
      known,
      modules: this.moduleMap,
      findings: this.findings(),
      scanned: known.has(file),
    });
  }

  /** Every finding of the last scan against the current manifest (recomputed after a reload). */
  findings(): Finding[] {
    return this.applyBaseline(this.workspaceCheck().findings);
  }

  /** True when the session has a baseline that was read. */
  get hasBaseline(): boolean {
    return this.accepted !== undefined;
  }

  /** Reads the baseline file of the options; a missing or broken one means no baseline. */
  private readBaseline(): void {
    const file = this.options.baseline;
    this.accepted = undefined;
    if (!file) return;
    const text = this.readSource(file, isAbsolute(file));
    const parsed = text === undefined ? undefined : parseBaseline(text);
    if (parsed?.ok) this.accepted = new Set(parsed.baseline.findings.map((e) => e.fingerprint));
  }

  private readSource(file: string, absolute = false): string | undefined {
    try {
      return readFileSync(absolute ? file : join(this.root, file), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Marks (or drops, with `baselinedFindings: 'hide'`) the findings the baseline accepted. */
  private applyBaseline(findings: Finding[], read: ReadSource = (file) => this.readSource(file)): Finding[] {
    const accepted = this.accepted;
    if (!accepted || findings.length === 0) return findings;
    const fingerprints = fingerprintFindings(findings, read);
    const hide = this.options.baselinedFindings === 'hide';
    // A baseline of an earlier version accepted an undeclared category file by file: every file's entry must be there.
    const isAccepted = (f: Finding, i: number) => {
      if (accepted.has(fingerprints[i])) return true;
      const old = legacyFingerprints(f, read);
      return old.length > 0 && old.every((fp) => accepted.has(fp));
    };
    return findings.flatMap((f, i) => (!isAccepted(f, i) ? [f] : hide ? [] : [{ ...f, baselined: true }]));
  }

  /** Where each category and vendor was seen in the last scan. */
  inventory(): Inventory {
    return this.workspaceCheck().inventory;
  }

  /** The data map of the manifest and the last scan; undefined while the manifest is not valid. */
  dataMap(): DataMap | undefined {
    const manifest = this.manifest;
    if (!manifest) return undefined;
    const { findings, inventory } = this.workspaceCheck();
    return buildDataMap({ manifest, inventory, findings, vendors: this.loaded.vendors });
  }

  /**
   * The manifest's own problems: `manifest-invalid` for a missing or broken manifest, else the
   * `policy-drift` findings of its policy file (which need no scan), so that the editor shows them
   * as soon as the manifest is read.
   */
  manifestProblems(): Finding[] {
    if (this.loaded.file.status !== 'ok') return manifestFindings(this.loaded.file);
    if (this.scanned) return this.findings().filter((f) => f.file === this.manifestPath);
    return this.check([], false, true).findings;
  }

  /** Runs the rules over some files' facts: the one place the check's options are assembled. */
  private check(facts: FileFacts[], workspace: boolean, withPolicy = workspace): CheckResult {
    const manifest = this.manifest;
    if (!manifest) return { findings: [], inventory: { categories: {}, vendors: {} }, skipped: [] };
    return checkFacts(facts, manifest, {
      vendors: this.loaded.vendors,
      workspace,
      severities: this.options.severities,
      knownFacts: workspace ? undefined : this.factsOfScan(),
      modules: this.moduleMap,
      policy: withPolicy ? this.loaded.policy : undefined,
    });
  }

  /**
   * The key of a scan's check: every input of `workspaceCheck` (detection input, manifest text,
   * policy, module map, severities, and each file's facts, by their hash, or why it was not
   * analysed, in the scan's order). Equal keys give equal results, so the stored one is reused:
   * also after an edit that leaves the file's facts as they were.
   */
  private resultKey(cache: FactsCache, outcomes: FileOutcome[]): string {
    const files = outcomes.map((x) => [x.file, cache.outcomeKey(x.file) ?? ('skipped' in x ? `skipped: ${x.skipped}` : `facts: ${createHash('sha256').update(JSON.stringify(x.facts)).digest('hex')}`)]);
    const inputs = [this.loaded.inputHash, this.manifestPath, this.loaded.text ?? null, this.loaded.policy ?? null, this.moduleMap, this.options.severities, files];
    return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
  }

  private workspaceCheck(): CheckResult {
    if (!this.scanned || !this.manifest) return { findings: this.manifest ? [] : manifestFindings(this.loaded.file), inventory: { categories: {}, vendors: {} }, skipped: [] };
    this.lastCheck ??= this.check(this.factsOfScan(), true);
    return this.lastCheck;
  }
}

/**
 * Scans a workspace once: lists its source files, analyses them (in worker threads, reusing cached
 * facts of unchanged files), and checks them against the manifest. A broken manifest yields only
 * `manifest-invalid` findings; files that cannot be analysed are listed in `skipped`.
 */
export function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const { onProgress, signal, ...rest } = options;
  return new Workspace(rest).scan({ onProgress, signal });
}

/** The file kinds explain (and the scan) analyses, for its error message. */
const SOURCE_KINDS = '.ts, .tsx, .js, .jsx, .mjs, .cjs, .mts, .cts; not .d.ts';

/** A manifest read from disk without its text. */
/** Each entry once (same file and reason), in the order first seen. */
function unique(list: SkippedFile[]): SkippedFile[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = `${s.file}\0${s.reason}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

function stripText(file: ManifestFile & { text?: string }): ManifestFile {
  const { text: _text, ...rest } = file;
  return rest as ManifestFile;
}
