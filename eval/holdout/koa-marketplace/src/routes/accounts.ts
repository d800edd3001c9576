import { randomBytes, createHash } from 'node:crypto';
import Router from '@koa/router';
import bcrypt from 'bcryptjs';
import { User, sequelize } from '../models/index.js';
import { identifyMember, trackAnonymous, trackEvent } from '../lib/tracking.js';
import { mailer } from '../services/mail.js';
import { createSellerAccount } from '../services/payments.js';
import { reportLogin } from '../services/fraud.js';
import { log } from '../lib/logger.js';
import { SESSION_COOKIE, requireUser, signSession } from '../middleware.js';
import type { ShippingAddress } from '../types.js';

interface SignupBody {
  email: string;
  password: string;
  fullName?: string;
  marketingOptIn?: boolean;
}

interface SellerOnboarding {
  shopName: string;
  country: string;
  shipFrom: ShippingAddress;
}

export const accounts = new Router({ prefix: '/accounts' });

async function saveResetToken(userId: string, tokenHash: string) {
  await sequelize.query(
    "insert into password_resets (user_id, token_hash, expires_at) values (?, ?, now() + interval '1 hour')",
    { replacements: [userId, tokenHash] },
  );
}

accounts.post('/signup', async (ctx) => {
  const { email, password, fullName, marketingOptIn = false } = ctx.request.body as SignupBody;
  const normalizedEmail = email.trim().toLowerCase();
  if (await User.count({ where: { email: normalizedEmail } })) ctx.throw(409, 'That email is already registered');

  const user = await User.create({
    email: normalizedEmail,
    passwordHash: await bcrypt.hash(password, 12),
    fullName: fullName?.trim() || null,
    role: 'buyer',
    marketingOptIn,
  });

  log.info({ userId: user.id, email: normalizedEmail }, 'account created'); // expect-flow: log log user.unique_id,user.contact.email pattern=logger
  identifyMember({ id: user.id, email: user.email, fullName: user.fullName, role: user.role }); // expect-flow: vendor segment user.unique_id,user.contact.email,user.name pattern=cross-module-wrapper
  await mailer.sendWelcome(user); // expect-flow: vendor postmark user.contact.email,user.name pattern=whole-record
  if (marketingOptIn) {
    log.info({ domain: normalizedEmail.split('@')[1] }, 'newsletter opt-in at signup'); // expect-no-flow pattern=hashed-or-redacted
  }

  ctx.cookies.set(SESSION_COOKIE, signSession(user), { httpOnly: true, sameSite: 'lax' });
  ctx.status = 201;
  ctx.body = { id: user.id };
});

accounts.post('/login', async (ctx) => {
  const { email, password } = ctx.request.body as { email: string; password: string };
  const user = await User.findOne({ where: { email: email.trim().toLowerCase() } });
  const ok = user ? await bcrypt.compare(password, user.passwordHash) : false;

  if (user) await reportLogin(user.id, ctx.ip, ok); // expect-flow: http api.sift.com user.unique_id,user.device.ip_address pattern=orm-record
  if (!user || !ok) {
    log.warn(`failed login for ${email} from ${ctx.ip}`); // expect-flow: log log user.contact.email,user.device.ip_address pattern=template-literal
    trackAnonymous('Login Failed', { reason: user ? 'bad_password' : 'unknown_account' }); // expect-no-flow pattern=no-personal-data
    ctx.throw(401, 'Wrong email or password');
  }

  trackEvent(user.id, 'Signed In', { method: 'password' }); // expect-flow: vendor segment user.unique_id pattern=orm-record
  ctx.cookies.set(SESSION_COOKIE, signSession(user), { httpOnly: true, sameSite: 'lax' });
  ctx.body = { id: user.id, role: user.role };
});

accounts.post('/password-reset', async (ctx) => {
  const email = String((ctx.request.body as Record<string, unknown>)?.email ?? '').trim().toLowerCase();
  const user = await User.findOne({ where: { email } });
  if (user) {
    const token = randomBytes(32).toString('base64url');
    await saveResetToken(user.id, createHash('sha256').update(token).digest('hex'));
    mailer // expect-flow: vendor postmark user.contact.email pattern=orm-record
      .sendPasswordReset(user.email, token)
      .catch((err) => log.warn({ err, userId: user.id }, 'password reset mail failed')); // expect-flow: log log user.unique_id pattern=promise-chain
  }
  ctx.status = 204; // same answer whether or not the account exists
});

accounts.post('/seller', requireUser, async (ctx) => {
  const { shopName, country, shipFrom } = ctx.request.body as SellerOnboarding;
  const seller = await User.findByPk(ctx.state.user!.id, { rejectOnEmpty: true });
  await seller.update({ role: 'seller', shopName, shipFrom });
  log.debug(`seller onboarding for ${seller.id}: ${JSON.stringify({ shopName, country, shipFrom })}`); // expect-flow: log log user.unique_id,user.contact.address,user.name,user.contact.phone_number pattern=json-stringify

  const account = await createSellerAccount(seller, country); // expect-flow: vendor stripe user.contact.email,user.unique_id pattern=orm-record
  await seller.update({ stripeAccountId: account.id });

  identifyMember({ ...ctx.state.user!, role: 'seller', shopName }); // expect-flow: vendor segment user.unique_id,user.contact.email pattern=spread-assign
  trackEvent(seller.id, 'Seller Onboarding Started', { country, shopName }); // expect-flow: vendor segment user.unique_id pattern=cross-module-wrapper
  ctx.body = { stripeAccountId: account.id };
});

