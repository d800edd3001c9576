import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export const db = drizzle(postgres(process.env.DATABASE_URL ?? 'postgres://localhost/acme'), { schema });
export * from './schema';
export { eq, and, desc } from 'drizzle-orm';
