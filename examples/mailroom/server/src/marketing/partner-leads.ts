import { Router } from 'express';

const router = Router();
export { router as partnerLeadsRouter };

// Visitors who ask for a sales call are also shared with a reseller.
router.post('/contact-sales', async (req, res) => {
  const { email, volume } = req.body;

  // Deliberate: this host is neither first party nor a declared vendor (unknown-recipient).
  await fetch('https://hooks.partner-crm.example/leads', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, monthlyVolume: volume }),
  });

  res.sendStatus(202);
});
