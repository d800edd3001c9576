import { Router } from 'express';
import { config } from '../config';

export const dedicatedIpRouter = Router();

const ARIN_API = 'https://reg.arin.net/rest';

// Declared: when a customer asks for a dedicated IP, the block is re-assigned to
// them at ARIN, which needs a point of contact for the customer.
dedicatedIpRouter.post('/:network/reassign', async (req, res) => {
  const { name, email, company, phone, postalAddress } = req.body;
  const { network } = req.params;

  const poc = `<poc xmlns="http://www.arin.net/regrws/core/v1">
    <contactType>PERSON</contactType>
    <lastName>${name}</lastName>
    <companyName>${company}</companyName>
    <streetAddress><line number="1">${postalAddress}</line></streetAddress>
    <emails><email>${email}</email></emails>
    <phones><phone><number>${phone}</number></phone></phones>
  </poc>`;

  const response = await fetch(`${ARIN_API}/net/${network}/reassign?apikey=${config.arinApiKey}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/xml' },
    body: poc,
  });
  res.status(response.ok ? 201 : 502).json({ network });
});
