// Globals installed by the vendor snippets in index.html.
declare function gtag(...args: unknown[]): void;

declare function Intercom(command: string, options?: Record<string, unknown>): void;

declare const drift: {
  identify(id: string, attributes: Record<string, unknown>): void;
  on(event: string, handler: () => void): void;
};
