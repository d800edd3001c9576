import { z } from 'zod';

export const memberSchema = z.object({
  email: z.string().email(),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  phone: z.string().regex(/^\+?[0-9 ]{7,15}$/).optional(),
  birthDate: z.string().date(),
  postalCode: z.string().max(10),
  homeClub: z.enum(['north', 'south', 'centre']),
});

export type Member = z.infer<typeof memberSchema>;

export const trialSchema = z.object({ contact: z.string().email(), club: z.string() });
