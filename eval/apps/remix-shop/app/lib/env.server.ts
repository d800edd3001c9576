export const KLAVIYO_API = process.env.KLAVIYO_API_URL ?? 'https://a.klaviyo.com/api';
export const MAILCHIMP_API = `https://${process.env.MAILCHIMP_DC ?? 'us21'}.api.mailchimp.com/3.0`;
export const EASYPOST_API = process.env.EASYPOST_URL || 'https://api.easypost.com/v2';
export const SEARCH_API = process.env.SEARCH_URL ?? 'http://search.fernwood.internal:7700';
