import { useEffect, useRef } from 'react';
import posthog from 'posthog-js';
import * as amplitude from '@amplitude/analytics-browser';
import type { Customer } from '@/lib/schemas';

/** Ties the anonymous analytics profiles to the signed-in customer, and unties them on sign-out. */
export function useIdentify(customer: Customer | null) {
  const identifiedAs = useRef<string | null>(null);

  useEffect(() => {
    if (!customer) {
      if (identifiedAs.current) {
        posthog.reset(); // expect-no-flow pattern=no-personal-data
        amplitude.reset(); // expect-no-flow pattern=no-personal-data
        identifiedAs.current = null;
      }
      return;
    }
    if (identifiedAs.current === customer.id) return;
    identifiedAs.current = customer.id;

    const name = `${customer.firstName} ${customer.lastName}`.trim();
    posthog.identify(customer.id, { email: customer.email, name, marketing_consent: customer.marketingConsent }); // expect-flow: vendor posthog user.unique_id,user.contact.email,user.name pattern=react-hook
    amplitude.setUserId(customer.id); // expect-flow: vendor amplitude user.unique_id pattern=react-hook
    window.dataLayer?.push({ event: 'login', customer_id: customer.id, customer_since: customer.createdAt.slice(0, 4) }); // expect-flow: vendor google-analytics user.unique_id pattern=optional-chaining
  }, [customer]);
}
