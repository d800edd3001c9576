import { syncContact } from './lib/crm';

export const onContact = (user: { email: string }) => syncContact({ email: user.email });
