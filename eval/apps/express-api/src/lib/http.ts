import axios from 'axios';

export const shipbob = axios.create({
  baseURL: process.env.SHIPBOB_URL ?? 'https://api.shipbob.com/1.0',
  headers: { Authorization: `Bearer ${process.env.SHIPBOB_TOKEN}` },
  timeout: 10_000,
});

export const sms = axios.create({ baseURL: 'https://textbelt.com' });

export const inventory = axios.create({ baseURL: process.env.INVENTORY_URL ?? 'http://stock.orders.internal:8080' });
