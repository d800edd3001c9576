/**
 * The vendor catalog: who receives personal data when code imports a package, calls a host or
 * uses a browser global. The built-in vendors are data (`data/vendors.json`); manifest vendors
 * are added on top and win over built-in ones.
 */
import { Minimatch } from 'minimatch';
import catalog from '../data/vendors.json';

/**
 * One SDK major (or one package line) of a vendor whose calls differ between versions: OpenAI v3
 * `openai.createChatCompletion` against v4 `openai.chat.completions.create`, Raven against Sentry.
 * `range` is a semver range over the version of `packages`; `sends` are that version's sending calls.
 */
export interface VendorVersion {
  range: string;
  packages: string[];
  sends: string[];
  note?: string;
}

/** One vendor: the names a policy may use for it and the code-level traces that reach it. */
export interface VendorDef {
  id: string;
  name: string;
  aliases: string[];
  kind: string;
  packages: string[];
  hosts: string[];
  globals: string[];
  sends: string[];
  docs?: string;
  /** Per-major details; the vendor's packages and sends include those of every version. */
  versions?: VendorVersion[];
  custom?: boolean;
}

/** The kinds of vendor the catalog knows, in the order the README lists them. */
export const VENDOR_KINDS: readonly string[] = [
  'analytics', 'advertising', 'payments', 'email', 'messaging', 'support', 'crm', 'monitoring',
  'hosting', 'auth', 'ai', 'search', 'identity', 'social', 'developer', 'registry', 'marketing', 'other',
];

const BUILTIN: readonly VendorDef[] = Object.freeze(
  (catalog.vendors as unknown as VendorDef[]).map((vendor) => Object.freeze(withVersions(vendor))),
);

/** A vendor whose `packages` and `sends` are the union over its top-level fields and its versions. */
function withVersions(vendor: VendorDef): VendorDef {
  if (!vendor.versions?.length) return { ...vendor };
  return {
    ...vendor,
    packages: union(vendor.packages, ...vendor.versions.map((v) => v.packages)),
    sends: union(vendor.sends, ...vendor.versions.map((v) => v.sends)),
  };
}

function union(...lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}

/** The built-in catalog, in file order. */
export function builtinVendors(): readonly VendorDef[] {
  return BUILTIN;
}

/** True when `host` matches a host pattern ('api.x.com', '*.x.com'). */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = normalizeHost(host);
  if (!p.startsWith('*.')) return p === h;
  return h.endsWith(p.slice(1)) && h.length > p.length - 1;
}

/** Lower-cases a host and drops its port and any trailing dot; a bracketed IPv6 host keeps its brackets. */
function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && h.indexOf(':') === colon) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/** The package name of an import specifier: 'firebase/analytics' → 'firebase', '@a/b/c' → '@a/b'. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

interface GlobPackage {
  matcher: Minimatch;
  vendor: VendorDef;
}

/** The package and host lookups of one group of vendors (custom or built-in). */
class LookupTier {
  private readonly exactPackages = new Map<string, VendorDef>();
  private readonly globPackages: GlobPackage[] = [];
  private readonly exactHosts = new Map<string, VendorDef>();
  private readonly wildcardHosts = new Map<string, VendorDef>();

  constructor(vendors: readonly VendorDef[]) {
    for (const vendor of vendors) {
      for (const pkg of union(vendor.packages, ...(vendor.versions ?? []).map((v) => v.packages))) this.addPackage(pkg, vendor);
      for (const host of vendor.hosts) this.addHost(host.toLowerCase(), vendor);
    }
  }

  forPackage(specifier: string): VendorDef | undefined {
    const name = packageName(specifier);
    const exact = this.exactPackages.get(specifier) ?? this.exactPackages.get(name);
    if (exact) return exact;
    return this.globPackages.find((g) => g.matcher.match(specifier) || g.matcher.match(name))?.vendor;
  }

  forHost(host: string): VendorDef | undefined {
    const exact = this.exactHosts.get(host);
    if (exact) return exact;
    // The most specific wildcard wins: for a.b.x.com try '*.b.x.com', then '*.x.com', then '*.com'.
    for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      const vendor = this.wildcardHosts.get(host.slice(dot + 1));
      if (vendor) return vendor;
    }
    return undefined;
  }

  private addPackage(pattern: string, vendor: VendorDef): void {
    // Most packages are plain names: only one that may be a glob pays for compiling it.
    const matcher = mayBeGlob(pattern) ? new Minimatch(pattern) : undefined;
    if (matcher?.hasMagic()) this.globPackages.push({ matcher, vendor });
    else setFirst(this.exactPackages, pattern, vendor);
  }

  private addHost(pattern: string, vendor: VendorDef): void {
    if (pattern.startsWith('*.')) setFirst(this.wildcardHosts, pattern.slice(2), vendor);
    else setFirst(this.exactHosts, pattern, vendor);
  }
}

/** Looks vendors up by id, import specifier, host and browser global. Custom (manifest) vendors take precedence over built-in ones with the same id, and their packages/hosts are searched first. */
export class VendorIndex {
  private readonly vendors: readonly VendorDef[];
  private readonly tiers: readonly LookupTier[];
  private readonly ids = new Map<string, VendorDef>();
  private readonly globals = new Map<string, VendorDef>();
  private readonly packageCache = new Map<string, VendorDef | undefined>();
  private readonly hostCache = new Map<string, VendorDef | undefined>();

  /** Indexes the custom vendors first, then the built-in vendors they do not override. */
  constructor(custom: VendorDef[] = []) {
    const customVendors = custom.map((vendor) => ({ ...vendor, custom: true }));
    const customIds = new Set(custom.map((vendor) => vendor.id));
    const builtin = BUILTIN.filter((vendor) => !customIds.has(vendor.id));
    this.vendors = [...customVendors, ...builtin];
    this.tiers = [new LookupTier(customVendors), builtinTier(customIds, builtin)];
    for (const vendor of this.vendors) {
      setFirst(this.ids, vendor.id, vendor);
      for (const name of vendor.globals) setFirst(this.globals, name, vendor);
    }
  }

  /** The vendor with this id, custom or built-in. */
  byId(id: string): VendorDef | undefined {
    return this.ids.get(id);
  }

  /** Every vendor: custom ones first, then the built-in ones in file order. */
  all(): readonly VendorDef[] {
    return this.vendors;
  }

  /** 'mixpanel', '@sentry/node', '@aws-sdk/client-ses', and subpaths like 'firebase/analytics' (matches package 'firebase'), 'openai/resources' ... Exact before glob (minimatch). */
  forPackage(specifier: string): VendorDef | undefined {
    return memoize(this.packageCache, specifier, () => firstOf(this.tiers, (tier) => tier.forPackage(specifier)));
  }

  /** Host matching: exact or '*.x.com' (matches a.x.com and a.b.x.com, not x.com); case-insensitive; ports ignored. */
  forHost(host: string): VendorDef | undefined {
    const h = normalizeHost(host);
    return memoize(this.hostCache, h, () => firstOf(this.tiers, (tier) => tier.forHost(h)));
  }

  /** The vendor whose browser snippet defines this global (`gtag`, `fbq`, `analytics` ...). */
  forGlobal(name: string): VendorDef | undefined {
    return this.globals.get(name);
  }

  /** Whether calling `methodPath` (e.g. ['people','set'] or [] for calling the value itself) on this vendor's client sends data, in any of its SDK versions. */
  sends(vendor: VendorDef, methodPath: readonly string[]): boolean {
    return [vendor.sends, ...(vendor.versions ?? []).map((v) => v.sends)].some((sends) => sendsIn(sends, methodPath));
  }
}

/** Whether one list of `sends` entries covers a call on `methodPath`. */
function sendsIn(sends: readonly string[], methodPath: readonly string[]): boolean {
  if (sends.includes('*')) return true;
  if (methodPath.length === 0) return sends.includes('()');
  return sends.some((send) => send !== '()' && endsWithPath(methodPath, send.split('.')));
}

/**
 * False when a package pattern has none of the characters a glob needs (`*?[]{}()!+`, or `@` past
 * a scope's leading one), so that minimatch would find no magic in it: it is then a plain name.
 */
export function mayBeGlob(pattern: string): boolean {
  return /[*?[\]{}()!+@]/.test(pattern.startsWith('@') ? pattern.slice(1) : pattern);
}

/** The lookup tier of the built-in vendors that no custom vendor overrides, built once per set of overridden ids (lookups are pure). */
const builtinTiers = new Map<string, LookupTier>();

function builtinTier(customIds: ReadonlySet<string>, builtin: readonly VendorDef[]): LookupTier {
  const key = [...customIds].filter((id) => BUILTIN.some((v) => v.id === id)).sort().join('\u0000');
  let tier = builtinTiers.get(key);
  if (!tier) {
    if (builtinTiers.size >= 16) builtinTiers.clear();
    builtinTiers.set(key, (tier = new LookupTier(builtin)));
  }
  return tier;
}

/** The index of the built-in vendors alone, built once: for looking a vendor up by id. */
let builtinIndex: VendorIndex | undefined;
export function builtinVendorIndex(): VendorIndex {
  return (builtinIndex ??= new VendorIndex());
}

/** The cached value for `key`, computing and caching it on a miss (undefined results included). */
function memoize<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** The first defined result of `lookup` over `tiers`. */
function firstOf<T, R>(tiers: readonly T[], lookup: (tier: T) => R | undefined): R | undefined {
  for (const tier of tiers) {
    const found = lookup(tier);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Keeps the first vendor registered under a key, so custom vendors shadow built-in ones. */
function setFirst(map: Map<string, VendorDef>, key: string, vendor: VendorDef): void {
  if (!map.has(key)) map.set(key, vendor);
}

/** True when `path` ends with the segments of `suffix`. */
function endsWithPath(path: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > path.length) return false;
  const offset = path.length - suffix.length;
  return suffix.every((segment, i) => path[offset + i] === segment);
}

/** This machine's own names: a request there never leaves it, so it is first party. */
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1', '0.0.0.0', '*.localhost'];

/** Whether a host is this machine (`localhost`, a loopback address, `*.localhost`). */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.some((p) => hostMatches(p, host) || p === host);
}
