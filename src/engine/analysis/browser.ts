/**
 * What a browser page knows about its visitor: the page they are on and came from, their language,
 * their browser and their cookies. These are read from the browser's own objects (`location.href`,
 * `document.referrer`, `navigator.language`), also through an alias (`(window => { ... })(window)`,
 * `const { location } = window`), as a tracker script does.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './state';
import { CLEAN, type BrowserObject, type Value } from './values';

/** What reading browser objects needs of the analyzer: the vendors' globals and recording sources. */
export type BrowserSources = Pick<FileAnalyzer, 'config' | 'fixedSource'>;

/** The category of each property that tells about the visitor, and what it is. */
const VISITOR_PROPS: Record<BrowserObject, Record<string, [category: string, what: string]>> = {
  window: {},
  document: {
    referrer: ['user.behavior.browsing_history', 'the page the visitor came from'],
    URL: ['user.behavior.browsing_history', 'the page the visitor is on'],
    documentURI: ['user.behavior.browsing_history', 'the page the visitor is on'],
    cookie: ['user.device.cookie', "the visitor's cookies"],
  },
  // The path alone (`location.pathname`) is the app's route, not the visitor's page with its query.
  location: {
    href: ['user.behavior.browsing_history', 'the page the visitor is on'],
    search: ['user.behavior.browsing_history', "the query string of the visitor's page"],
    hash: ['user.behavior.browsing_history', "the fragment of the visitor's page"],
  },
  navigator: {
    language: ['user.demographic.language', "the visitor's language"],
    languages: ['user.demographic.language', "the visitor's languages"],
    userAgent: ['user.device', "the visitor's browser (user agent)"],
  },
};

/** The browser objects reachable as properties of others (`window.document.location`). */
const OBJECT_PROPS: Record<string, BrowserObject> = { document: 'document', location: 'location', navigator: 'navigator', window: 'window' };

/** The value of a browser object by its global name, or undefined for other names. */
export function browserGlobal(name: string): Value | undefined {
  const object = OBJECT_PROPS[name];
  if (!object) return undefined;
  // `navigator.sendBeacon(url, data)` sends a request.
  return object === 'navigator' ? { browser: object, http: { lib: 'navigator' }, known: true } : { browser: object, known: true };
}

/** The value of `object.prop` for a browser object: what it tells about the visitor, another browser object, or nothing. */
export function browserMember(a: BrowserSources, object: BrowserObject, prop: string, node: TSESTree.Node): Value {
  const visitor = VISITOR_PROPS[object][prop];
  if (visitor) return { cats: a.fixedSource(node, visitor[0], `${object}.${prop}, ${visitor[1]} (${visitor[0]})`), known: true };
  // The page's own origin: a URL built on it is same-origin (`${location.origin}/api/send`).
  if (object === 'location' && prop === 'origin') return { str: { text: '', complete: true }, known: true };
  if (object === 'navigator' && prop === 'sendBeacon') return { browser: object, http: { lib: 'navigator' }, known: true };
  const nested = browserGlobal(prop);
  if (nested) return nested;
  if (object !== 'window') return CLEAN;
  // Through an alias of `window`, its other properties are the page's globals (`w.posthog`, `w.fetch`).
  const vendor = a.config.vendors.forGlobal(prop);
  if (vendor) return { vendor: { id: vendor.id, path: [] }, known: true };
  if (prop === 'fetch') return { http: { lib: 'fetch' }, known: true };
  if (prop === 'console') return { logger: true, known: true };
  return { known: false };
}
