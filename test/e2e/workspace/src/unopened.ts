export async function notifyPartner(user: { email: string }) {
  await fetch('https://hooks.partner.example/signup', { method: 'POST', body: JSON.stringify({ email: user.email }) });
}
