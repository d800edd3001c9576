import { Router } from 'express';
import { placeOrder, orderSummary } from '../services/orders';
import { logger } from '../lib/logger';

export const orders = Router();

orders.post('/', async (req, res, next) => {
  try {
    const order = await placeOrder(req.body.userId, req.body.items, req.body.shippingAddress);
    res.status(201).json(order);
  } catch (e) {
    logger.warn(`order failed for ${JSON.stringify(req.body)}`); // expect-flow: log log user.contact.address pattern=json-stringify
    next(e);
  }
});

orders.get('/:id', async (req, res) => {
  res.json(await orderSummary(req.params.id));
});
