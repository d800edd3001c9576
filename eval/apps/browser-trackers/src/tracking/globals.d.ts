export {};

declare global {
  interface Window {
    dataLayer: Record<string, unknown>[];
    gtag: (...args: unknown[]) => void;
    fbq: (...args: unknown[]) => void;
    Intercom: (command: string, payload?: Record<string, unknown>) => void;
    hj: (...args: unknown[]) => void;
  }
}
