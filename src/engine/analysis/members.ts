import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isPersonWord, tokenize } from '../core/taxonomy';
import type { FileAnalyzer } from './state';
import { browserMember } from './browser';
import { exportPath } from './module-values';
import { CLEAN, importedMember, mergeCats, UNKNOWN, type Trace, type Value } from './values';
import { pickedFiles, uploadedFile, uploadedFiles, uploadField } from './uploads';

/** What reading members needs of the analyzer: the configuration, recording sources and request input, and trace steps. */
export type MemberSources = Pick<FileAnalyzer, 'config' | 'fixedSource' | 'noteInput' | 'source' | 'step' | 'recipientAt'>;

/** The fields of an email that hold its recipients' addresses. */
export const RECIPIENT_KEYS: ReadonlySet<string> = new Set(['to', 'cc', 'bcc', 'replyTo', 'reply_to']);

/** Properties of a request that hold what the client sent. */
const INPUT_PROPS: Record<string, string> = {
  body: 'request body',
  query: 'request query',
  params: 'request params',
  cookies: 'request cookies',
  signedCookies: 'request cookies',
  headers: 'request headers',
};
/** The value of `object.prop`: a vendor path, request input, a known field, or the property's name. */
export function memberValue(a: MemberSources, object: Value, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Value {
  const own = recipient(a, ownMemberValue(a, object, prop, node, objectNode), prop, node);
  // A member of another module's function result keeps the path, for calls on it (`getStripe().customers`).
  const value = object.factory && !own.factory ? { ...own, factory: { ...object.factory, name: exportPath(object.factory.name, prop) } } : own;
  // A property of a summarised parameter is that parameter at a path (`props.email`).
  if (!object.params) return value;
  // `options.url` of a summarised parameter `options`: a string its callers give.
  const paramKey = object.paramKey && object.paramKey.split('.').length <= 3 ? `${object.paramKey}.${prop}` : undefined;
  const str = paramKey && !value.str && !value.fields ? { text: '', complete: false, param: paramKey } : value.str;
  return { ...value, params: paramsAt(object.params, prop), ...(paramKey ? { paramKey } : {}), ...(str ? { str } : {}) };
}

/** `data.to` read in a function that sends an email to `data.to`: an email address. */
function recipient(a: MemberSources, own: Value, prop: string, node: TSESTree.Node): Value {
  if (!RECIPIENT_KEYS.has(prop) || own.cats?.size) return own;
  const path = calleeName(node);
  const at = path.includes('(') ? undefined : a.recipientAt(node, path);
  if (!at) return own;
  return { ...own, cats: a.fixedSource(node, 'user.contact.email', `${path}, the recipient of the email sent at line ${at.line} (user.contact.email)`), known: true };
}

function paramsAt(params: Map<string, Trace>, prop: string): Map<string, Trace> {
  const out = new Map<string, Trace>();
  for (const [key, trace] of params) out.set(key.split('.').length > 3 ? key : `${key}.${prop}`, trace);
  return out;
}

function ownMemberValue(a: MemberSources, object: Value, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Value {
  if (object.imported) {
    // An imported object may be a service (its methods are followed) or data typed by an imported class (`dto.email`).
    const imported = importedMember(object.imported, (name) => exportPath(name, prop));
    // An instance of an imported class (`new BehaviorSubject(user)`, `PostHog#`), and what its members hold (`.value.accessToken`), is data known by its names.
    return { imported, cats: object.imported.name.includes('#') ? nameBased(a, prop, node, objectNode) : undefined, known: true };
  }
  if (object.vendor) {
    // Data a vendor gives back (`event.data.object.customer_details.email` of a Stripe webhook) is known by its name.
    const vendor = { ...object.vendor, path: [...object.vendor.path, prop] };
    const cats = object.vendor.path.length > 0 ? specific(nameBased(a, prop, node, objectNode)) : undefined;
    return cats ? { vendor, cats, known: true } : { vendor, known: true };
  }
  if (object.browser) return browserMember(a, object.browser, prop, node);
  if (object.http) return object.http.lib === 'navigator' && prop !== 'sendBeacon' ? CLEAN : object;
  if (object.logger || object.queue) return object;
  if (object.fields?.has(prop)) return object.declared ? declaredField(a, object.fields.get(prop)!, prop, node, objectNode) : object.fields.get(prop)!;
  // A field the object took from what was spread into it (`{ ...options, label }` then `.to`).
  const spread = object.fields?.get('...');
  if (spread) return memberValue(a, spread, prop, node, objectNode);
  const id = personId(a, object, prop, node, objectNode);
  if (id) return { cats: id, known: true };
  if (object.record && !object.record.field && !isTypeLikeName(prop)) {
    // A field of a record typed in another module (`a.name` of an imported `ShippingAddress`): that module's type says what it is.
    const trace = [...object.record.trace, a.step(node, `${describe(objectNode, prop)}, a field of that record`)];
    return { cats: nameBased(a, prop, node, objectNode), record: { ...object.record, field: prop, trace }, known: true };
  }
  if (prop === 'length') return CLEAN;
  if (prop === 'value' && objectNode && isInputValue(node)) return refInputValue(a, node, objectNode);
  const picked = pickedFiles(a, prop, node, objectNode);
  if (picked) return picked;
  if (object.request) return requestMember(a, prop, node);
  // Next.js pages router: `useRouter().query` is the query string.
  if (prop === 'query' && objectNode?.type === 'Identifier' && /router$/i.test(objectNode.name)) return { input: 'request query', container: true, known: true };
  if (prop === 'req' || prop === 'request') return { request: true, known: true };
  // `new URL(request.url).searchParams`, `request.nextUrl.searchParams`: what the client put in the query string.
  if (object.input === REQUEST_URL) return prop === 'searchParams' ? { input: 'query string', container: true, known: true } : UNKNOWN;
  // `new URL(link).searchParams`: what the link's query string carries (`token`, `email`).
  if (object.parsedUrl && prop === 'searchParams') return { input: LINK_QUERY, container: true, known: true };
  // A cookie read by name (`cookies().get('token')?.value`, Next.js's `{ name, value }`): that cookie's value.
  if (object.input && !object.container && object.cats && prop === 'value') return object;
  if (object.input) return inputField(a, object.input, prop, node);
  if (isTypeLikeName(prop)) return CLEAN;
  // A part of personal data is that data (`shippingAddress.city`, `contact.phone.number`).
  const whole = partOf(object);
  if (whole) return { cats: mergeCats(whole, nameBased(a, prop, node, objectNode)), known: true };
  if (object.fields && object.known) return CLEAN;
  return { cats: nameBased(a, prop, node, objectNode), known: true };
}

/** A field of a record known by its declared type, read here: its categories are processed here. */
function declaredField(a: MemberSources, field: Value, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Value {
  if (!field.cats || field.cats.size === 0) return field;
  const cats = new Map<string, Trace>();
  for (const category of field.cats.keys()) {
    for (const [c, t] of a.fixedSource(node, category, `${describe(objectNode, prop)}, a field its record's type declares (${category})`)) cats.set(c, t);
  }
  return { ...field, cats };
}

/** The id of a person (`patient.id`, `event.patientId`, `inviter.id`, an element of `users`) is their user id. */
function personId(a: MemberSources, object: Value, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Map<string, Trace> | undefined {
  const words = tokenize(prop);
  if (!/^(id|uid|uuid)$/.test(words[words.length - 1] ?? '')) return undefined;
  const before = words.slice(0, -1);
  // `stripeCustomerId` is the vendor's id for the customer, not the person's id in this system.
  if (before.length > 1 && a.config.vendors.byId(before[0])) return undefined;
  const owner = objectNode ? qualifierNames(objectNode).pop() : undefined;
  // The id of what the name's head word names (`ownerUserId`, `currentUser.id`), not of a thing a
  // person word only qualifies (`userCollectionId`, `createUserCollection.id`).
  const personal = before.length > 0 ? isPersonWord(headWord(before)) : object.person || (!!owner && isPersonWord(headWord(tokenize(owner))));
  return personal ? a.source(node, ['user', 'id'], {}, () => `${describe(objectNode, prop)}, a person's id (user.unique_id)`) : undefined;
}

/** Words after a name's head that do not change what it names (`userData`, `memberRecord`). */
const TRAILING_WORDS = new Set(['data', 'info', 'details', 'record', 'entity', 'row', 'obj', 'object', 'doc', 'dto', 'model', 'item', 'result', 'response', 'value', 'ref']);

/** The head word of a compound name: its last word but for the ones that only say how it is held. */
function headWord(words: readonly string[]): string {
  let end = words.length;
  while (end > 1 && TRAILING_WORDS.has(words[end - 1])) end--;
  return words[end - 1] ?? '';
}

/** SCREAMING_SNAKE_CASE, as settings are named (`DEMO_PASSWORD`); database columns are too (`row.FIRST_NAME`). */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;
/** Words naming an object of settings. */
const CONFIG_WORDS = new Set(['config', 'configuration', 'conf', 'cfg', 'env', 'settings', 'constants', 'secrets']);

/** The category a property's name denotes, read with the names of the object it belongs to. */
function nameBased(a: MemberSources, prop: string, node: TSESTree.Node, objectNode?: TSESTree.Node): Map<string, Trace> | undefined {
  // A setting of the app's configuration (`config.DEMO_PASSWORD`, `env.SMTP_USER`): no person's.
  if (CONSTANT_NAME.test(prop) && objectNode && tokenize(calleeName(objectNode)).some((w) => CONFIG_WORDS.has(w))) return undefined;
  const names = objectNode ? qualifierNames(objectNode) : [];
  const qualifiers = names.flatMap((n) => tokenize(n));
  const note = (c: string) => `${describe(objectNode, prop)} (${c})`;
  // `user.id` is a user id: the owner's name and the property read as one compound first.
  const owner = names[names.length - 1];
  const compound = owner ? a.source(node, [...tokenize(owner), ...tokenize(prop)], { qualifiers: qualifiers.slice(0, -tokenize(owner).length) }, note) : undefined;
  return compound ?? a.source(node, prop, { qualifiers }, note);
}

function requestMember(a: MemberSources, prop: string, node: TSESTree.Node): Value {
  if (INPUT_PROPS[prop]) return { input: INPUT_PROPS[prop], container: true, known: true };
  if (prop === 'file') return uploadedFile(a, node, `the file uploaded with the request`);
  if (prop === 'files') return uploadedFiles(a, node, `the files uploaded with the request`);
  if (prop === 'ip' || prop === 'ips') return { cats: a.fixedSource(node, 'user.device.ip_address', 'client IP address read from the request'), known: true };
  // Hono's `c.req.raw`: the Fetch API request it wraps.
  if (prop === 'request' || prop === 'req' || prop === 'raw') return { request: true, known: true };
  if (prop === 'user') return { known: false };
  if (prop === 'url' || prop === 'originalUrl' || prop === 'nextUrl') return { input: REQUEST_URL, known: true };
  return { cats: a.source(node, prop, {}, (c) => `request ${prop} (${c})`), known: true };
}

/** Categories that name specific data, not a person's whole record. */
function specific(cats: Map<string, Trace> | undefined): Map<string, Trace> | undefined {
  return cats && [...cats.keys()].some((c) => c !== 'user') ? cats : undefined;
}

/**
 * The category of a single datum whose parts are that same data (`shippingAddress.city`): one
 * category, not a person's record, a record with fields, or a whole input of several fields.
 */
function partOf(object: Value): Map<string, Trace> | undefined {
  if (!object.cats || object.cats.size !== 1 || (object.fields && object.fields.size > 0) || object.person || object.container || object.input) return undefined;
  const [category] = object.cats.keys();
  return COMPOUND.test(category) ? object.cats : undefined;
}

/** Categories whose values have parts of the same category: an address's city, a name's first name, a card's expiry. */
const COMPOUND = /^user\.(contact\.address|name|contact\.phone_number|financial|demographic\.date_of_birth)(\.|$)/;

/** `phoneRef.current.value`: the value of the input a ref is named for. */
function refInputValue(a: MemberSources, node: TSESTree.Node, objectNode: TSESTree.Node): Value {
  const ref = objectNode.type === 'MemberExpression' && propertyName(objectNode) === 'current' ? objectNode.object : undefined;
  const name = ref?.type === 'Identifier' ? ref.name : ref?.type === 'MemberExpression' ? propertyName(ref) : undefined;
  const field = name && /.Ref$/.test(name) ? name.slice(0, -3) : undefined;
  const cats = field ? a.source(node, field, { personContext: true }, (c) => `value of the ${field} input, read through ${name} (${c})`) : undefined;
  return cats ? { cats, known: true } : UNKNOWN;
}

/** The input a request's URL is: parsed with `new URL(...)`, its search params are the query string. */
export const REQUEST_URL = 'request URL';

/** Query string parameters that hold what a person searched for. */
const SEARCH_PARAMS = new Set(['q', 'query', 'search', 'term', 'keyword', 'keywords', 'searchQuery', 'searchTerm']);

/** What a typed procedure's handler gets from the client (tRPC's `input`, next-safe-action's `parsedInput`). */
export const PROCEDURE_INPUT = 'procedure input';
/** The query string of a link parsed in the code (`new URL(link).searchParams`, `new URLSearchParams(location.search)`). */
export const LINK_QUERY = "link's query string";

/**
 * The inputs whose fields are a person's only for some categories. A procedure is given what a person
 * wrote or holds (`message`, `feedback`, `token`), but a name, a location or a time zone it is given may
 * be a poll's or a workspace's; a link carries a person's token or code, but its `org`, `prompt` or
 * `locale` are the app's.
 */
const PERSONAL_IN: Record<string, RegExp> = {
  [PROCEDURE_INPUT]: /^user\.(content|authorization)(\.|$)/,
  [LINK_QUERY]: /^user\.authorization(\.|$)/,
};

/** Whether a field of an input is read in a person context. */
function personalIn(a: MemberSources, input: string, prop: string): boolean {
  const only = PERSONAL_IN[input];
  return !only || only.test(a.config.matcher.match(prop, { personContext: true }) ?? '');
}

/** A field of request input: personal data by its name, in a person context (of an input of `PERSONAL_IN`, for its categories only). */
export function inputField(a: MemberSources, input: string, prop: string, node: TSESTree.Node): Value {
  const upload = uploadField(a, input, prop, node);
  if (upload) return upload;
  const search = /query/.test(input) && SEARCH_PARAMS.has(prop);
  const cats = search
    ? a.fixedSource(node, 'user.behavior.search_history', `${prop} read from the ${input}: what the person searched for (user.behavior.search_history)`)
    : a.source(node, prop, { personContext: personalIn(a, input, prop) }, (c) => `${prop} read from the ${input} (${c})`);
  if (cats) a.noteInput(input, cats);
  return { cats, input, known: cats !== undefined };
}

/** The static name of a member's property, when it has one. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'PrivateIdentifier') return node.property.name;
  if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

/** The words of an object expression that qualify its properties: `customer.billing` -> customer, billing. */
export function qualifierTokens(node: TSESTree.Node): string[] {
  return qualifierNames(node).flatMap((name) => tokenize(name));
}

/** The names along an object expression, outermost first: `this.customer.billing` -> customer, billing. */
function qualifierNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let n: TSESTree.Node | undefined = node;
  while (n && names.length < 3) {
    if (n.type === 'Identifier') { names.push(n.name); break; }
    if (n.type === 'MemberExpression') {
      const p = propertyName(n);
      if (p) names.push(p);
      n = n.object;
    } else if (n.type === 'CallExpression') n = n.callee;
    else if (n.type === 'AwaitExpression') n = n.argument;
    else if (n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression') n = n.expression;
    else break;
  }
  return names.reverse();
}

function describe(objectNode: TSESTree.Node | undefined, prop: string): string {
  if (objectNode?.type === 'Identifier') return `${objectNode.name}.${prop}`;
  if (objectNode?.type === 'ThisExpression') return `this.${prop}`;
  return prop;
}


/** PascalCase names are classes, components and namespaces (`PeopleMenuAvatar`), not a person's data. */
export function isTypeLikeName(name: string): boolean {
  return /^[A-Z][a-z]/.test(name);
}

/** `e.target.value`, `ref.current?.value`: what a user typed into an element, known by what it is stored under. */
export function isInputValue(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression' || propertyName(node) !== 'value') return false;
  const owner = node.object.type === 'MemberExpression' ? propertyName(node.object) : undefined;
  return owner === 'target' || owner === 'currentTarget' || owner === 'current';
}

/** The static name of an object property's key. */
export function propertyKey(p: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (p.key.type === 'Identifier' && !p.computed) return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  // A private member (`#buildPayload`), read as `this.#buildPayload` (see `propertyName`).
  if (p.key.type === 'PrivateIdentifier') return p.key.name;
  return undefined;
}

/** A short name for a callee, as written: `mixpanel.track`, `this.logger.info`, `fetch`. */
export function calleeName(node: TSESTree.Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression') return `${calleeName(node.object)}.${propertyName(node) ?? '[]'}`;
  if (node.type === 'CallExpression') return `${calleeName(node.callee)}()`;
  if (node.type === 'AwaitExpression') return calleeName(node.argument);
  if (node.type === 'ChainExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') return calleeName(node.expression);
  return '(expression)';
}
