import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { SEARCH_API } from '~/lib/env.server';
import { getSessionCustomer } from '~/lib/session.server';
import { KLAVIYO_API } from '~/lib/env.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const page = Number(url.searchParams.get('page') ?? 1);
  const customer = await getSessionCustomer(request);

  const hits = await fetch(`${SEARCH_API}/indexes/products/search`, { method: 'POST', body: JSON.stringify({ q, page }) }).then((r) => r.json()); // expect-flow: http search.fernwood.internal user.behavior.search_history pattern=url-search-params
  if (customer?.email) {
    const params = new URLSearchParams({ email: customer.email, searchTerm: q });
    await fetch(`${KLAVIYO_API}/client/events/?${params}`); // expect-flow: http a.klaviyo.com user.contact.email pattern=url-search-params
  }
  fetch(`${SEARCH_API}/stats?${new URLSearchParams({ page: String(page) })}`); // expect-no-flow pattern=no-personal-data
  return json({ hits });
}
