import Link from 'next/link';
import { useRouter } from 'next/router';
import { useEffect, useState } from 'react';
import posthog from 'posthog-js';
import * as amplitude from '@amplitude/analytics-browser';

interface Product {
  id: string;
  slug: string;
  name: string;
  price: number;
  image: string;
}

export default function SearchPage() {
  const router = useRouter();
  const q = typeof router.query.q === 'string' ? router.query.q.trim() : '';
  const [products, setProducts] = useState<Product[]>([]);

  useEffect(() => {
    if (!q) return;
    const controller = new AbortController();
    fetch(`/api/search?${new URLSearchParams({ q, limit: '24' })}`, { signal: controller.signal }) // expect-flow: http relative user.behavior.search_history pattern=url-search-params
      .then((res) => res.json() as Promise<{ products: Product[] }>)
      .then(({ products: found }) => {
        setProducts(found);
        amplitude.track('Search Performed', { query: q, results: found.length }); // expect-flow: vendor amplitude user.behavior.search_history pattern=promise-chain
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [q]);

  return (
    <section>
      <form action="/search">
        <input name="q" type="search" defaultValue={q} placeholder="Duvet covers, throws, napkins…" />
      </form>
      <ul className="grid">
        {products.map((product, position) => (
          <li key={product.id}>
            <Link href={`/products/${product.slug}`} onClick={() => posthog.capture('search_result_clicked', { product_id: product.id, title: product.name, position })}> {/* expect-no-flow pattern=decoy-name */}
              <img src={product.image} alt="" />
              {product.name} — £{product.price.toFixed(2)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
