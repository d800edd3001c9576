import { GraphQLClient } from 'graphql-request';

const client = new GraphQLClient(process.env.WAREHOUSE_GQL ?? 'https://warehouse.acme.internal/graphql');

export function recordSignup(user: { id: string; email: string; companyName: string | null }) {
  // expect-flow: http warehouse.acme.internal user.contact.email pattern=graphql-client
  return client.request(`mutation($input: SignupInput!) { recordSignup(input: $input) }`, { input: { userId: user.id, email: user.email, company: user.companyName } });
}
