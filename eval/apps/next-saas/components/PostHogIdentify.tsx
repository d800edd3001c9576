'use client';

import { useEffect } from 'react';
import posthog from 'posthog-js';
import { useSession } from 'next-auth/react';

export function PostHogIdentify() {
  const { data: session } = useSession();

  useEffect(() => {
    if (!session?.user) return;
    posthog.identify(session.user.id, { email: session.user.email, name: session.user.name }); // expect-flow: vendor posthog user.unique_id,user.contact.email pattern=react-hook
  }, [session]);

  useEffect(() => {
    posthog.capture('$pageview', { path: window.location.pathname }); // expect-no-flow pattern=no-personal-data
  }, []);

  return null;
}
