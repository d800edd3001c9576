import { Router } from 'express';
import Stripe from 'stripe';
import { config } from '../config';
import { logger } from '../logger';

const router = Router();
export { router as billingRouter };
const stripe = new Stripe(config.stripeSecretKey);

// Declared: Stripe receives the name, email and postal address to bill a paid plan.
// Card numbers never touch our servers: the browser hands them to Stripe.js.
router.post('/customers', async (req, res) => {
  const { name, email, billingAddress, paymentMethodId, plan } = req.body;

  const customer = await stripe.customers.create({
    name,
    email,
    address: billingAddress,
    payment_method: paymentMethodId,
    invoice_settings: { default_payment_method: paymentMethodId },
  });
  const subscription = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: plan }],
  });

  logger.info({ subscription: subscription.id, plan }, 'subscription created');
  res.status(201).json({ customer: customer.id, subscription: subscription.id });
});
