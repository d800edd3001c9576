import { Link } from '@remix-run/react';

export function ProductCard({ product }: { product: { handle: string; title: string; priceCents: number; image: string } }) {
  const onClick = () => {
    window._learnq?.push(['track', 'Clicked Product', { ProductName: product.title, Price: product.priceCents / 100 }]); // expect-no-flow pattern=decoy-name
  };
  return (
    <Link to={`/products/${product.handle}`} onClick={onClick} className="card">
      <img src={product.image} alt={product.title} />
      <h3>{product.title}</h3>
    </Link>
  );
}
