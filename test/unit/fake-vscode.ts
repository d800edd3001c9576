import Module from 'node:module';

/** What the extension asked of the fake `vscode` module. */
export interface FakeVscodeLog {
  /** `getConfiguration(section).get(key, default)` calls: `section.key` and the default given. */
  settings: Map<string, unknown>;
  /** Ids given to `commands.registerCommand`. */
  commands: string[];
}

/**
 * A stand-in for the `vscode` module, so that extension modules can be loaded and run outside VS
 * Code. Every property is a callable, constructible stub that returns another stub, except the few
 * calls a test observes (configuration reads and command registrations), which are recorded.
 * Returns the log and a function that restores the real module resolution.
 */
export function installFakeVscode(): { log: FakeVscodeLog; restore: () => void } {
  const log: FakeVscodeLog = { settings: new Map(), commands: [] };
  const stub = (): unknown =>
    new Proxy(function () {}, {
      get: (_t, key) => (key === 'then' ? undefined : key === Symbol.iterator ? function* () {} : key === Symbol.toPrimitive ? () => '' : stub()),
      apply: () => stub(),
      construct: () => stub() as object,
      set: () => true,
    });
  const configuration = (section?: string) => ({
    get: (key: string, fallback?: unknown) => {
      log.settings.set(section ? `${section}.${key}` : key, fallback);
      return fallback;
    },
    has: () => false,
    inspect: () => undefined,
    update: async () => undefined,
  });
  const base = stub() as Record<string, unknown>;
  const fake = new Proxy(base, {
    get: (target, key) => {
      if (key === 'workspace') {
        return new Proxy(stub() as object, {
          get: (t, k) => (k === 'getConfiguration' ? configuration : k === 'workspaceFolders' ? [] : k === 'then' ? undefined : k === 'isTrusted' ? true : stub()),
        });
      }
      if (key === 'commands') {
        return new Proxy(stub() as object, {
          get: (t, k) => (k === 'registerCommand' ? (id: string) => (log.commands.push(id), stub()) : k === 'then' ? undefined : stub()),
        });
      }
      if (key === '__esModule') return true;
      if (key === 'then') return undefined;
      return Reflect.get(target, key);
    },
  });
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake : original.call(this, request, ...rest);
  };
  return { log, restore: () => (loader._load = original) };
}
