export type User = {
  id: string;
  email: string;
  name: string | null;
  company: string | null;
  plan: 'free' | 'pro' | 'team';
  stripeCustomerId?: string;
};

const users = new Map<string, User>();

export async function createUser(input: { email: string; name?: string; company?: string }): Promise<User> {
  const user: User = { id: crypto.randomUUID(), email: input.email, name: input.name ?? null, company: input.company ?? null, plan: 'free' };
  users.set(user.id, user);
  return user;
}

export async function getUser(id: string): Promise<User | undefined> {
  return users.get(id);
}
