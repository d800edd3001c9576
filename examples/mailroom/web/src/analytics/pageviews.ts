import mixpanel from 'mixpanel-browser';

// Page views carry the path only: no personal data leaves the browser here.
export function trackPageView(): void {
  mixpanel.track('page_view', { path: location.pathname });
  gtag('event', 'page_view', { page_path: location.pathname, page_title: document.title });
}

export function trackFeature(feature: string, domainCount: number): void {
  mixpanel.track('feature_used', { feature, domainCount });
}
