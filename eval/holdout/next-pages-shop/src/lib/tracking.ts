import posthog from 'posthog-js';
import * as amplitude from '@amplitude/analytics-browser';
import type { CartItem } from './schemas';

export const GA_ID = process.env.NEXT_PUBLIC_GA_ID ?? 'G-LOOMLINEN1';
export const PIXEL_ID = process.env.NEXT_PUBLIC_META_PIXEL_ID ?? '481516234200';

type EventProps = Record<string, string | number | boolean | null | undefined>;

/** Sends a product event to both PostHog and Amplitude (we are mid-migration). */
export function track(event: string, props: EventProps = {}) {
  posthog.capture(event, props); // expect-maybe-flow pattern=cross-module-wrapper
  amplitude.track(event, props); // expect-maybe-flow pattern=cross-module-wrapper
}

export interface PurchaseSummary {
  orderId: string;
  total: number;
  currency: string;
  items: CartItem[];
}

export function trackPurchase({ orderId, total, currency, items }: PurchaseSummary) {
  // expect-no-flow pattern=decoy-name
  window.gtag('event', 'purchase', {
    transaction_id: orderId,
    value: total,
    currency,
    items: items.map((item) => ({ item_id: item.sku, item_name: item.name, price: item.price, quantity: item.quantity })),
  });
  window.fbq('track', 'Purchase', { value: total, currency, num_items: items.length }); // expect-no-flow pattern=aggregate
}

export interface MatchingKeys {
  email: string;
  phone?: string | null;
  postcode?: string | null;
}

/** Meta advanced matching and Google enhanced conversions; only called after marketing consent. */
export function setAdvancedMatching(keys: MatchingKeys) {
  const em = keys.email.trim().toLowerCase();
  const ph = keys.phone?.replace(/[^\d+]/g, '') || undefined;
  window.fbq('init', PIXEL_ID, { em, ph, zp: keys.postcode ?? undefined }); // expect-flow: vendor meta-pixel user.contact.email,user.contact.phone_number,user.contact.address.postal_code pattern=typed-parameter
  window.gtag('set', 'user_data', { email: em, phone_number: ph }); // expect-flow: vendor google-analytics user.contact.email,user.contact.phone_number pattern=browser-global
}
