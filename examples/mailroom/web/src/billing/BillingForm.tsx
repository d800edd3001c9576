import { useState, type FormEvent } from 'react';
import axios from 'axios';
import { loadStripe } from '@stripe/stripe-js';
import { CardNumberElement } from '@stripe/react-stripe-js';
import type { StripeElements } from '@stripe/stripe-js';

const api = axios.create({ baseURL: 'https://api.mailroom.example/v1' });
const stripePromise = loadStripe(import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY);

interface Props {
  email: string;
  plan: string;
  // From useElements() in the parent <Elements> provider.
  elements: StripeElements | null;
}

export function BillingForm({ email, plan, elements }: Props) {
  const [name, setName] = useState('');
  const [billingAddress, setBillingAddress] = useState('');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const stripe = await stripePromise;
    const cardNumber = elements?.getElement(CardNumberElement);
    if (!stripe || !cardNumber) return;

    // Declared: the card goes straight from the browser to Stripe.
    const { paymentMethod } = await stripe.createPaymentMethod({
      type: 'card',
      card: cardNumber,
      billing_details: { name, email, address: { line1: billingAddress } },
    });

    // First party: our own API creates the customer and the subscription.
    await api.post('/billing/customers', { name, email, billingAddress, paymentMethodId: paymentMethod?.id, plan });
  }

  return (
    <form onSubmit={onSubmit}>
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Name on card" />
      <input value={billingAddress} onChange={(e) => setBillingAddress(e.target.value)} placeholder="Billing address" />
      <CardNumberElement />
      <button type="submit">Subscribe</button>
    </form>
  );
}
