/**
 * What the code does with personal data, gathered from analysis facts for `init`: every vendor
 * reached, every category seen, and the purposes that annotations and top-level folders suggest.
 */
import type { FileFacts } from '../analysis/facts';
import { isLocalHost } from '../core/catalog';

/** Where something was first seen. */
export interface SeenAt {
  file: string;
  line: number;
}

/** A vendor the code sends personal data to. */
export interface CodeVendor {
  id: string;
  categories: string[];
  purposes: string[];
  seen: SeenAt;
}

/** A purpose the code suggests: from `privacy-lens purpose=` annotations or a feature folder. */
export interface CodePurpose {
  id: string;
  categories: string[];
  paths: string[];
  seen: SeenAt;
  from: 'annotation' | 'folder';
}

/** Everything `init` drafts from, each list sorted by id. */
export interface CodeInventory {
  vendors: CodeVendor[];
  categories: { id: string; seen: SeenAt }[];
  purposes: CodePurpose[];
  /** HTTP hosts that received personal data and are no known vendor. */
  unknownHosts: { host: string; seen: SeenAt }[];
  /**
   * Those of them named like the project itself (`api.acme.io` in a workspace whose packages are
   * `@acme/*`): most likely the team's own services, drafted as first party for review.
   */
  ownHosts: { host: string; seen: SeenAt; name: string }[];
}

/** Names a workspace goes by that say nothing of whose it is. */
const GENERIC_NAMES = new Set([
  'app', 'apps', 'web', 'www', 'api', 'server', 'client', 'root', 'monorepo', 'workspace', 'workspaces', 'main', 'project', 'repo',
  'frontend', 'backend', 'site', 'website', 'docs', 'core', 'common', 'shared', 'packages', 'service', 'services', 'example', 'examples',
  'test', 'tests', 'demo', 'admin', 'dashboard', 'mobile', 'desktop', 'cli', 'sdk', 'utils', 'config', 'types', 'ui', 'src',
]);

/**
 * The names a project goes by, from its package names (the scope of `@acme/web`, an unscoped
 * `acme`) and its folder: words of at least four letters that are not a layer's name.
 */
export function projectNames(packageNames: readonly string[], folder?: string): string[] {
  const out = new Set<string>();
  const add = (word: string | undefined) => {
    const w = word?.toLowerCase();
    if (w && /^[a-z][a-z0-9]{3,}$/.test(w) && !GENERIC_NAMES.has(w)) out.add(w);
  };
  for (const name of packageNames) {
    const scoped = /^@([^/]+)\/(.+)$/.exec(name);
    if (scoped) add(scoped[1]);
    else add(name.split(/[-_.]/)[0] === name ? name : undefined);
  }
  add(folder);
  return [...out].sort();
}

/** The project name a host is named by (`checker.acme.dev`, `acme-checker.fly.dev`), if any. */
export function ownNameOf(host: string, names: readonly string[]): string | undefined {
  const words = host.toLowerCase().split(/[.-]/);
  return names.find((n) => words.includes(n));
}

/** Folders under a source root that name a layer, not a purpose. */
const GENERIC_FOLDERS = new Set([
  'src', 'lib', 'app', 'apps', 'source', 'server', 'client', 'web', 'packages', 'components', 'pages', 'utils', 'util', 'helpers',
  'common', 'shared', 'types', 'hooks', 'config', 'api', 'services', 'models', 'routes', 'controllers', 'views', 'test', 'tests',
  '__tests__', 'scripts', 'public', 'assets', 'styles', 'core', 'internal', 'middleware', 'handlers', 'store', 'screens', 'vendor',
  // Folders that name a layer or a runtime, not what the code is for.
  'server-only', 'client-only', 'universal', 'constants', 'features', 'modules', 'providers', 'actions', 'trpc', 'jobs', 'tasks',
  'workers', 'worker', 'emails', 'ui', 'layouts', 'context', 'contexts', 'stores', 'state', 'schemas', 'validators', 'dist', 'build',
  'generated', 'i18n', 'locales', 'env', 'db', 'database', 'prisma',
]);
const SOURCE_ROOTS = new Set(['src', 'lib', 'app', 'source']);

/** The purpose a file's folder suggests: `src/billing/x.ts` → billing with `src/billing/**`. */
export function folderPurpose(file: string): { id: string; path: string } | undefined {
  const parts = file.split('/');
  const dirs = parts.slice(0, -1);
  let root = -1;
  dirs.forEach((d, i) => {
    if (SOURCE_ROOTS.has(d) && root < 0) root = i;
  });
  const index = root + 1;
  if (index >= dirs.length) return undefined;
  const id = dirs[index].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!id || GENERIC_FOLDERS.has(id)) return undefined;
  return { id, path: `${dirs.slice(0, index + 1).join('/')}/**` };
}

/** Gathers what the facts show, in one pass over the files. */
export function inventoryFromFacts(facts: FileFacts[], names: readonly string[] = []): CodeInventory {
  const g = new Gatherer();
  for (const f of facts) {
    const folder = folderPurpose(f.file);
    for (const a of f.annotations) if (a.kind === 'purpose' && a.purpose) g.purpose(a.purpose, 'annotation', { file: f.file, line: a.line });
    for (const o of f.occurrences) g.data(o.category, { file: f.file, line: o.line }, o.purposeAnnotation, folder);
    for (const flow of f.flows) {
      const at = { file: f.file, line: flow.line };
      flow.categories.forEach((c) => g.data(c, at, flow.purposeAnnotation, folder));
      if (flow.vendor) g.vendor(flow.vendor, flow.categories, at, flow.purposeAnnotation ?? folder?.id);
      else if (flow.kind === 'http' && flow.hostStatus === 'known' && flow.host && !isLocalHost(flow.host)) g.host(flow.host, at);
    }
  }
  const result = g.result();
  const own = result.unknownHosts.flatMap((h) => {
    const name = ownNameOf(h.host, names);
    return name ? [{ ...h, name }] : [];
  });
  return { ...result, unknownHosts: result.unknownHosts.filter((h) => !own.some((o) => o.host === h.host)), ownHosts: own };
}

/** Accumulates vendors, categories, purposes and hosts, keeping the first place each was seen. */
class Gatherer {
  private readonly vendors = new Map<string, CodeVendor>();
  private readonly categories = new Map<string, SeenAt>();
  private readonly purposes = new Map<string, CodePurpose>();
  private readonly hosts = new Map<string, SeenAt>();

  purpose(id: string, from: CodePurpose['from'], seen: SeenAt): CodePurpose {
    const p = this.purposes.get(id) ?? { id, categories: [], paths: [], seen, from };
    this.purposes.set(id, p);
    return p;
  }

  data(category: string, seen: SeenAt, annotation: string | undefined, folder: { id: string; path: string } | undefined): void {
    if (!this.categories.has(category)) this.categories.set(category, seen);
    const purpose = annotation ? this.purpose(annotation, 'annotation', seen) : folder ? this.purpose(folder.id, 'folder', seen) : undefined;
    if (!purpose) return;
    addUnique(purpose.categories, category);
    if (!annotation && folder) addUnique(purpose.paths, folder.path);
  }

  vendor(id: string, categories: string[], seen: SeenAt, purpose: string | undefined): void {
    const v = this.vendors.get(id) ?? { id, categories: [], purposes: [], seen };
    categories.forEach((c) => addUnique(v.categories, c));
    if (purpose) addUnique(v.purposes, purpose);
    this.vendors.set(id, v);
  }

  host(host: string, seen: SeenAt): void {
    if (!this.hosts.has(host)) this.hosts.set(host, seen);
  }

  result(): CodeInventory {
    const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
    return {
      vendors: [...this.vendors.values()].map((v) => ({ ...v, categories: v.categories.sort(), purposes: v.purposes.sort() })).sort(byId),
      categories: [...this.categories].map(([id, seen]) => ({ id, seen })).sort(byId),
      purposes: [...this.purposes.values()].map((p) => ({ ...p, categories: p.categories.sort() })).sort(byId),
      unknownHosts: [...this.hosts].map(([host, seen]) => ({ host, seen })).sort((a, b) => a.host.localeCompare(b.host)),
      ownHosts: [],
    };
  }
}

function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** "seen at src/signup.ts:12". */
export function seenComment(seen: SeenAt): string {
  return `seen at ${seen.file}:${seen.line}`;
}
