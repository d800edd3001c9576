import type { VendorIndex } from '../core/catalog';
import { UNKNOWN, type Value } from './values';

/** HTTP client libraries, by import specifier. */
const HTTP_MODULES: Record<string, string> = {
  axios: 'axios',
  got: 'got',
  ky: 'ky',
  'ky-universal': 'ky',
  'node-fetch': 'fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
  'isomorphic-unfetch': 'fetch',
  undici: 'undici',
  superagent: 'superagent',
  'graphql-request': 'graphql',
  '@apollo/client': 'graphql',
  urql: 'graphql',
  '@urql/core': 'graphql',
  http: 'node:http',
  https: 'node:http',
  'node:http': 'node:http',
  'node:https': 'node:http',
};

/** Message queue and pub/sub clients run by the application itself, by import specifier. */
const QUEUE_MODULES: Record<string, string> = {
  kafkajs: 'kafkajs',
  'node-rdkafka': 'node-rdkafka',
  bullmq: 'bullmq',
  bull: 'bull',
  'bee-queue': 'bee-queue',
  amqplib: 'amqplib',
  'amqp-connection-manager': 'amqp-connection-manager',
  nats: 'nats',
  mqtt: 'mqtt',
  rhea: 'rhea',
  '@nestjs/microservices': 'nestjs-microservices',
  ioredis: 'redis',
  redis: 'redis',
};

/** Methods of queue clients that publish a message: its content leaves for consumers the engine does not see. */
export const PUBLISH_METHODS = new Set(['send', 'sendBatch', 'add', 'addBulk', 'publish', 'sendToQueue', 'emit', 'produce', 'xadd', 'rpush', 'lpush']);

/** Logging libraries, by import specifier. */
const LOG_MODULES = new Set([
  'pino',
  'winston',
  'bunyan',
  'loglevel',
  'consola',
  'log4js',
  'signale',
  'debug',
  'npmlog',
  'roarr',
  'tslog',
]);

/** Method names that write a log entry. */
export const LOG_METHODS = new Set([
  'log', 'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'alert', 'emerg', 'dir', 'table', 'http',
]);

/** The abstract value of an imported module (`import x from 'pkg'`, `require('pkg')`). */
export function moduleValue(specifier: string, vendors: VendorIndex): Value {
  // A message composer of a mail package makes no request of its own (see `composedMessage`).
  if (MIME_COMPOSERS.has(specifier)) return { imported: { spec: specifier, name: '' }, known: true };
  const vendor = vendors.forPackage(specifier);
  if (vendor) return { vendor: { id: vendor.id, path: [], ...(AI_SDK_PROVIDER.test(specifier) ? { models: true as const } : {}) }, known: true };
  const http = HTTP_MODULES[specifier];
  if (http) return { http: { lib: http }, known: true };
  // `@tryghost/logging`, `@acme/logger`: a team's own logging package.
  if (LOG_MODULES.has(specifier) || TEAM_LOG_MODULE.test(specifier)) return { logger: true, known: true };
  const queue = QUEUE_MODULES[specifier];
  if (queue) return { queue, known: true };
  if (isNodeBuiltin(specifier)) return UNKNOWN;
  // A Prisma client, also one generated into the workspace (`../generated/prisma/client`, often not
  // committed): its calls read and write the app's own database, known by their model accessors.
  if (PRISMA_CLIENT.test(specifier)) return UNKNOWN;
  // Anything else may be a module of the workspace: linked across files once every file is analysed.
  return { imported: { spec: specifier, name: '' }, known: true };
}

/** A team's own logging package (`@acme/logger`). */
const TEAM_LOG_MODULE = /^@[^/]+\/(log|logger|logging)$/;

/** Packages that compose a raw email message (MIME) from nodemailer's message options, for APIs that take one (`gmail.users.messages.send({ raw })`). */
export const MIME_COMPOSERS: ReadonlySet<string> = new Set(['nodemailer/lib/mail-composer', 'mailcomposer']);

/**
 * The Vercel AI SDK's provider packages (`@ai-sdk/openai`) and its community providers
 * (`@openrouter/ai-sdk-provider`): they make the models `generateText` and the others send to.
 */
const AI_SDK_PROVIDER = /^(@ai-sdk\/(?!react$|vue$|svelte$|solid$|rsc$|ui-utils$|provider$|provider-utils$)[^/]+|@openrouter\/ai-sdk-provider)$/;

const PRISMA_CLIENT = /^@prisma\/client(\/|$)|(^|\/)(generated\/prisma|\.prisma)(\/client)?(\/index(\.js)?)?$/;

const NODE_BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'module', 'net', 'os',
  'path', 'perf_hooks', 'process', 'querystring', 'readline', 'stream', 'string_decoder', 'timers', 'tls', 'tty', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib', 'async_hooks',
]);

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier);
}

/** The export name path of a member of an imported value: `analytics` + `track`, or `Service#` + `track`. */
export function exportPath(name: string, member: string): string {
  if (name === '') return member;
  return name.endsWith('#') ? `${name}${member}` : `${name}.${member}`;
}

/** The value of one named export of a module (`import { X } from 'pkg'`). */
export function namedImportValue(specifier: string, module: Value, name: string): Value {
  if (specifier === '@nestjs/common' && (name === 'Logger' || name === 'ConsoleLogger')) return { logger: true, known: true };
  // NestJS's injectable wrapper around axios (`constructor(private http: HttpService)`, `this.http.post(url, body)`).
  if (specifier === '@nestjs/axios' && name === 'HttpService') return { http: { lib: 'axios' }, known: true };
  if (module.imported) return { imported: { spec: specifier, name: exportPath(module.imported.name, name) }, known: true };
  if (module.vendor) return { vendor: { ...module.vendor, path: [...module.vendor.path, name] }, known: true };
  if (module.http) return { http: module.http, known: true };
  // A team's logging package exports helpers too (`createWideEvent(fields)` returns its argument):
  // only what is named as logging writes a log; the rest are that package's functions, linked as such.
  if (module.logger && TEAM_LOG_MODULE.test(specifier) && name !== 'default' && !/log/i.test(name) && !LOG_METHODS.has(name)) return { imported: { spec: specifier, name }, known: true };
  if (module.logger) return { logger: true, known: true };
  if (module.queue) return { queue: module.queue, known: true };
  return UNKNOWN;
}
