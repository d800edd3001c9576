import type { Member } from '../schemas/member';

export function trackPageView(path: string) {
  window.gtag('event', 'page_view', { page_path: path }); // expect-no-flow pattern=no-personal-data
  window.fbq('track', 'PageView'); // expect-no-flow pattern=no-personal-data
  window.dataLayer.push({ event: 'virtual_pageview', path }); // expect-no-flow pattern=no-personal-data
}

export function trackLead(member: Member) {
  window.fbq('init', '1234567890', { em: member.email, ph: member.phone, fn: member.firstName }); // expect-flow: vendor meta-pixel user.contact.email pattern=zod-schema
  window.fbq('track', 'Lead', { value: 0, currency: 'EUR' }); // expect-no-flow pattern=no-personal-data
  gtag('set', 'user_data', { email: member.email, phone_number: member.phone }); // expect-flow: vendor google-analytics user.contact.email pattern=browser-global
  window.dataLayer.push({ event: 'lead', user: { email: member.email, zip: member.postalCode } }); // expect-flow: vendor google-analytics user.contact.email pattern=zod-schema
}

export function trackPurchase(order: { id: string; total: number; memberId: string }) {
  gtag('event', 'purchase', { transaction_id: order.id, value: order.total, currency: 'EUR', user_id: order.memberId }); // expect-flow: vendor google-analytics user.unique_id pattern=browser-global
  fbq('track', 'Purchase', { value: order.total, currency: 'EUR' }); // expect-no-flow pattern=aggregate
}
