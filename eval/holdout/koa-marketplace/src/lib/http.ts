import got from 'got';

/** Sift (fraud scoring). The base URL is overridable so staging can point at the sandbox proxy. */
export const sift = got.extend({
  prefixUrl: process.env.SIFT_API_URL ?? 'https://api.sift.com/v205',
  timeout: { request: 4_000 },
  retry: { limit: 1, methods: ['POST'] },
});

/** Our own Meilisearch-backed search service. */
export const search = got.extend({
  prefixUrl: process.env.SEARCH_URL ?? 'http://search.makers.internal:7700',
  headers: { authorization: `Bearer ${process.env.SEARCH_KEY ?? ''}` },
  responseType: 'json',
});
