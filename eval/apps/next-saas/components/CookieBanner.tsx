'use client';

import { useState } from 'react';

declare global {
  interface Window { gtag: (...args: unknown[]) => void }
}

export function CookieBanner() {
  const [open, setOpen] = useState(true);
  const accept = () => {
    window.gtag('consent', 'update', { analytics_storage: 'granted', ad_storage: 'denied' }); // expect-no-flow pattern=no-personal-data
    setOpen(false);
  };
  const showPlan = (plan: { name: string; price: number }) => {
    window.gtag('event', 'view_item', { items: [{ item_name: plan.name, price: plan.price }] }); // expect-no-flow pattern=decoy-name
  };
  if (!open) return null;
  return (
    <div role="dialog">
      <p>We use cookies to understand how Launchpad is used.</p>
      <button onClick={accept}>Accept</button>
      <button onClick={() => showPlan({ name: 'Pro', price: 29 })}>See Pro</button>
    </div>
  );
}
