import Router from '@koa/router';
import { Listing, User } from '../models/index.js';
import { search } from '../lib/http.js';
import { publish } from '../lib/queue.js';
import { trackAnonymous, trackEvent } from '../lib/tracking.js';
import { childLog } from '../lib/logger.js';
import { requireSeller } from '../middleware.js';

interface NewListing {
  title: string;
  description: string;
  priceCents: number;
  category: string;
  tags?: string[];
}

interface SearchResult {
  hits: { id: string; title: string; priceCents: number; thumbnail: string }[];
  estimatedTotalHits: number;
}

const log = childLog('catalog');
export const catalog = new Router({ prefix: '/listings' });

catalog.get('/search', async (ctx) => {
  const q = String(ctx.query.q ?? '').slice(0, 200);
  const page = Math.max(1, Number(ctx.query.page ?? 1));
  const params = new URLSearchParams({ q, page: String(page), hitsPerPage: '24' });
  if (ctx.state.user) params.set('personalizeFor', ctx.state.user.id);

  const { hits, estimatedTotalHits } = await search.get('indexes/listings/search', { searchParams: params }).json<SearchResult>(); // expect-flow: http search.makers.internal user.behavior.search_history,user.unique_id pattern=url-search-params
  log.debug({ page, hits: hits.length, total: estimatedTotalHits }, 'search served'); // expect-no-flow pattern=aggregate
  ctx.body = { hits, total: estimatedTotalHits, page };
});

catalog.get('/:id', async (ctx) => {
  const listing = await Listing.findByPk(ctx.params.id, {
    include: [{ model: User, as: 'seller', attributes: ['id', 'shopName'] }],
  });
  if (!listing) ctx.throw(404, 'Listing not found');
  log.info({ listingId: listing.id, title: listing.title, category: listing.category }, 'listing viewed'); // expect-no-flow pattern=decoy-name
  ctx.body = listing;
});

catalog.post('/', requireSeller, async (ctx) => {
  const { title, description, priceCents, category, tags = [] } = ctx.request.body as NewListing;
  const sellerId = ctx.state.user!.id;
  const listing = await Listing.create({ sellerId, title, description, priceCents, category, tags });

  await publish('search.reindex', { listingId: listing.id, op: 'upsert' }); // expect-no-flow pattern=no-personal-data
  trackAnonymous('Listing Published', { title: listing.title, category, price: priceCents / 100 }); // expect-no-flow pattern=decoy-name
  trackEvent(sellerId, 'Listing Created', { listingId: listing.id, category, tagCount: tags.length }); // expect-flow: vendor segment user.unique_id pattern=cross-module-wrapper

  ctx.status = 201;
  ctx.body = listing;
});

catalog.get('/stats/categories', async (ctx) => {
  const rows = (await Listing.count({ group: ['category'] })) as unknown as { category: string; count: number }[];
  trackAnonymous('Category Stats Viewed', { categories: rows.length, listings: rows.reduce((n, r) => n + r.count, 0) }); // expect-no-flow pattern=aggregate
  ctx.body = rows;
});
