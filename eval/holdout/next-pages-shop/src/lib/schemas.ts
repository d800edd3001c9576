import { z } from 'zod';

const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s()-]{7,20}$/, 'Enter a phone number we can reach you on')
  .optional()
  .or(z.literal(''));

export const COUNTRIES = ['GB', 'IE', 'FR', 'DE', 'NL'] as const;

export const checkoutSchema = z.object({
  email: z.string().trim().email('Enter a valid email address'),
  firstName: z.string().trim().min(1, 'Required').max(80),
  lastName: z.string().trim().min(1, 'Required').max(80),
  phone,
  address1: z.string().trim().min(3, 'Required'),
  address2: z.string().trim().optional(),
  city: z.string().trim().min(2, 'Required'),
  postcode: z.string().trim().min(3).max(10),
  country: z.enum(COUNTRIES),
  marketingConsent: z.boolean().default(false),
});

export type CheckoutFields = z.input<typeof checkoutSchema>;

export const checkoutRequestSchema = checkoutSchema.extend({
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive().max(20) })).min(1),
});

export const profileSchema = z
  .object({
    firstName: z.string().trim().min(1).max(80),
    lastName: z.string().trim().min(1).max(80),
    phone,
    city: z.string().trim().max(80),
    postcode: z.string().trim().max(10),
    marketingConsent: z.coerce.boolean(),
  })
  .partial();

export type ProfileChanges = z.infer<typeof profileSchema>;

export const newsletterSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  firstName: z.string().trim().max(80).optional(),
  source: z.string().max(40).default('unknown'),
});

export interface Customer {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  city: string | null;
  postcode: string | null;
  marketingConsent: boolean;
  createdAt: string;
}

export interface CartItem {
  sku: string;
  name: string;
  price: number;
  quantity: number;
}
