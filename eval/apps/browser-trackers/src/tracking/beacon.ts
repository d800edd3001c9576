const COLLECT_URL = 'https://api.fitclub.app/collect';

export function sendExitBeacon(memberId: string | null, path: string, secondsOnPage: number) {
  const params = new URLSearchParams({ path, t: String(secondsOnPage) });
  if (memberId) params.set('memberId', memberId);
  navigator.sendBeacon(COLLECT_URL, params); // expect-flow: http api.fitclub.app user.unique_id pattern=url-search-params
}

export function sendPerfBeacon(metrics: { lcp: number; cls: number }) {
  navigator.sendBeacon(COLLECT_URL, JSON.stringify(metrics)); // expect-no-flow pattern=no-personal-data
}
