import type { GetServerSideProps } from 'next';
import { useEffect } from 'react';
import Stripe from 'stripe';
import { trackPurchase, type PurchaseSummary } from '@/lib/tracking';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });

type Props = { order: PurchaseSummary };

export const getServerSideProps: GetServerSideProps<Props> = async ({ params }) => {
  const sessionId = String(params?.sessionId ?? '');
  const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ['line_items.data.price.product'] }); // expect-no-flow pattern=no-personal-data
  if (session.payment_status !== 'paid') return { redirect: { destination: '/checkout', permanent: false } };

  const items = (session.line_items?.data ?? []).map((line) => {
    const product = line.price?.product as Stripe.Product;
    return { sku: product.metadata.sku ?? product.id, name: product.name, price: (line.price?.unit_amount ?? 0) / 100, quantity: line.quantity ?? 1 };
  });
  return { props: { order: { orderId: session.id, total: (session.amount_total ?? 0) / 100, currency: session.currency?.toUpperCase() ?? 'GBP', items } } };
};

export default function OrderConfirmed({ order }: Props) {
  useEffect(() => {
    window.localStorage.removeItem('ll_basket');
    trackPurchase(order); // expect-no-flow pattern=decoy-name
  }, [order]);

  return (
    <section>
      <h1>Thank you!</h1>
      <p>Your order is confirmed. We will email you when it ships.</p>
      <ul>
        {order.items.map((item) => (
          <li key={item.sku}>{item.quantity} × {item.name}</li>
        ))}
      </ul>
    </section>
  );
}
