// Runtime configuration, read once from the environment.
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  stripeSecretKey: required('STRIPE_SECRET_KEY'),
  segmentWriteKey: required('SEGMENT_WRITE_KEY'),
  customerioSiteId: required('CIO_SITE_ID'),
  customerioApiKey: required('CIO_API_KEY'),
  zendeskSubdomain: required('ZENDESK_SUBDOMAIN'),
  zendeskUser: required('ZENDESK_USERNAME'),
  zendeskToken: required('ZENDESK_TOKEN'),
  arinApiKey: required('ARIN_API_KEY'),
  logLevel: process.env.LOG_LEVEL ?? 'info',
};
