import axios from 'axios';

export const braze = axios.create({
  baseURL: process.env.BRAZE_REST_ENDPOINT ?? 'https://rest.fra-01.braze.eu',
  headers: { Authorization: `Bearer ${process.env.BRAZE_API_KEY}` },
});

export const customerIo = axios.create({ baseURL: 'https://track-eu.customer.io/api/v1', auth: { username: process.env.CIO_SITE_ID ?? '', password: process.env.CIO_API_KEY ?? '' } });

export const GEO_URL = process.env.GEO_URL ?? 'http://geo.events.internal:9000';
