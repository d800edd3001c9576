import { useEffect, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import posthog from 'posthog-js';
import { ApiError, postJson } from '@/lib/api-client';
import { setAdvancedMatching, track } from '@/lib/tracking';
import { COUNTRIES, checkoutSchema, type CartItem, type CheckoutFields } from '@/lib/schemas';

const EMPTY_FORM: CheckoutFields = {
  email: '',
  firstName: '',
  lastName: '',
  phone: '',
  address1: '',
  address2: '',
  city: '',
  postcode: '',
  country: 'GB',
  marketingConsent: false,
};

function readBasket(): CartItem[] {
  if (typeof window === 'undefined') return [];
  try {
    return JSON.parse(window.localStorage.getItem('ll_basket') ?? '[]') as CartItem[];
  } catch {
    return [];
  }
}

export default function CheckoutPage() {
  const [form, setForm] = useState<CheckoutFields>(EMPTY_FORM);
  const [errors, setErrors] = useState<Partial<Record<keyof CheckoutFields, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const basket = useMemo(readBasket, []);
  const total = basket.reduce((sum, item) => sum + item.price * item.quantity, 0);

  useEffect(() => {
    if (!basket.length) return;
    window.dataLayer.push({ event: 'begin_checkout', ecommerce: { currency: 'GBP', value: total, items: basket.map(({ sku, name, price, quantity }) => ({ item_id: sku, item_name: name, price, quantity })) } }); // expect-no-flow pattern=decoy-name
    window.fbq('track', 'InitiateCheckout', { value: total, currency: 'GBP', num_items: basket.length }); // expect-no-flow pattern=aggregate
  }, [basket, total]);

  const field = (name: keyof CheckoutFields) => ({
    name,
    value: String(form[name] ?? ''),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((prev) => ({ ...prev, [name]: e.target.value })),
    'aria-invalid': Boolean(errors[name]),
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = checkoutSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path[0], issue.message])));
      return;
    }
    const details = parsed.data;
    setSubmitting(true);
    try {
      // expect-flow: http relative user.contact.email,user.name,user.contact.phone_number,user.contact.address pattern=zod-schema
      const { url, sessionId } = await postJson<{ url: string; sessionId: string }>('/api/checkout', {
        ...details,
        items: basket.map(({ sku, quantity }) => ({ sku, quantity })),
      });
      if (details.marketingConsent) {
        // expect-flow: vendor meta-pixel user.contact.email,user.contact.phone_number,user.contact.address.postal_code pattern=zod-schema
        // expect-flow: vendor google-analytics user.contact.email,user.contact.phone_number pattern=zod-schema
        setAdvancedMatching({ email: details.email, phone: details.phone, postcode: details.postcode });
      }
      track('Checkout Submitted', { sessionId, items: basket.length, value: total }); // expect-no-flow pattern=no-personal-data
      window.location.assign(url);
    } catch (err) {
      track('Checkout Failed', { status: err instanceof ApiError ? err.status : 0 }); // expect-no-flow pattern=no-personal-data
      setSubmitting(false);
    }
  }

  if (!basket.length) return <p>Your basket is empty.</p>;

  return (
    <form onSubmit={onSubmit} className="checkout" noValidate>
      <h1>Checkout</h1>
      <label>Email</label>
      <input type="email" autoComplete="email" {...field('email')} onBlur={(e) => e.target.validity.valid && posthog.setPersonProperties({ checkout_email: e.target.value })} /> {/* expect-flow: vendor posthog user.contact.email pattern=jsx-form-input */}
      {errors.email && <p className="error">{errors.email}</p>}
      <div className="row">
        <input placeholder="First name" autoComplete="given-name" {...field('firstName')} />
        <input placeholder="Last name" autoComplete="family-name" {...field('lastName')} />
      </div>
      <input type="tel" placeholder="Phone (for the courier)" autoComplete="tel" {...field('phone')} />
      <input placeholder="Address" autoComplete="address-line1" {...field('address1')} />
      <input placeholder="Flat, building (optional)" autoComplete="address-line2" {...field('address2')} />
      <div className="row">
        <input placeholder="Town or city" autoComplete="address-level2" {...field('city')} />
        <input placeholder="Postcode" autoComplete="postal-code" {...field('postcode')} />
        <select autoComplete="country" {...field('country')}>
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>{c}</option>
          ))}
        </select>
      </div>
      <label>
        <input type="checkbox" checked={Boolean(form.marketingConsent)} onChange={(e) => setForm((prev) => ({ ...prev, marketingConsent: e.target.checked }))} />
        Send me offers and new collections (you can unsubscribe at any time)
      </label>
      <button disabled={submitting}>Pay £{total.toFixed(2)}</button>
    </form>
  );
}
