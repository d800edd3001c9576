import mixpanel from 'mixpanel-browser';

mixpanel.init(import.meta.env.VITE_MIXPANEL_TOKEN, { persistence: 'localStorage' });

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

// Called once the dashboard has loaded the signed-in user.
export function identifyUser(user: SessionUser): void {
  mixpanel.identify(user.id);
  // Deliberate: Mixpanel is declared for the email only, not the name (undeclared-sharing).
  mixpanel.people.set({ $email: user.email, $name: user.name });
}

export function resetAnalytics(): void {
  mixpanel.reset();
}
