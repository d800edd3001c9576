// The fixture workspace has no node_modules: these declarations keep TypeScript's own errors out of the way.
declare module 'mixpanel';
declare module 'stripe';
declare const process: { env: Record<string, string | undefined> };
