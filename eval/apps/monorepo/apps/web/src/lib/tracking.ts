import mixpanel from 'mixpanel-browser';

mixpanel.init(import.meta.env.VITE_MIXPANEL_TOKEN, { persistence: 'localStorage' });

export interface Viewer { id: string; email: string; displayName?: string | null; company?: string | null }

export function identifyViewer(viewer: Viewer) {
  mixpanel.identify(viewer.id); // expect-flow: vendor mixpanel user.unique_id pattern=typed-parameter
  mixpanel.people.set({ $email: viewer.email, $name: viewer.displayName, company: viewer.company }); // expect-flow: vendor mixpanel user.contact.email pattern=typed-parameter
}

export const trackClick = (name: string) => mixpanel.track('click', { target: name }); // expect-no-flow pattern=decoy-name
