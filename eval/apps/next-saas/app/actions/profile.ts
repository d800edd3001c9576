'use server';

import { revalidatePath } from 'next/cache';
import { identifyUser, trackEvent } from '@/lib/analytics';
import { logger } from '@/lib/logger';
import { upsertLead } from '@/lib/crm';

export async function updateProfile(formData: FormData) {
  const userId = formData.get('userId') as string;
  const name = formData.get('name') as string;
  const email = formData.get('email') as string;
  const company = formData.get('company')?.toString();

  identifyUser({ id: userId, email, name }); // expect-flow: vendor posthog user.contact.email,user.name pattern=form-data
  await upsertLead({ email, firstname: name, company }); // expect-flow: http api.hubapi.com user.contact.email pattern=form-data
  logger.info(`profile updated: ${name} <${email}>`); // expect-flow: log log user.name,user.contact.email pattern=form-data
  revalidatePath('/settings');
}

export async function joinWaitlist(prevState: { ok: boolean }, formData: FormData) {
  const entry = Object.fromEntries(formData) as { email: string; role?: string };
  trackEvent(entry.email, 'waitlist_joined', { role: entry.role }); // expect-flow: vendor posthog user.contact.email pattern=form-data
  return { ok: true };
}

export async function toggleTheme(theme: 'light' | 'dark') {
  trackEvent('anonymous', 'theme_toggled', { theme }); // expect-no-flow pattern=no-personal-data
}
