import { useEffect } from 'react';
import { identifyViewer, type Viewer } from '../lib/tracking';

export function SettingsPage({ viewer }: { viewer: Viewer | null }) {
  useEffect(() => {
    if (viewer) identifyViewer({ ...viewer, company: viewer.company ?? null }); // expect-flow: vendor mixpanel user.contact.email pattern=spread-assign
  }, [viewer]);
  return <h1>Settings for {viewer?.displayName}</h1>;
}
