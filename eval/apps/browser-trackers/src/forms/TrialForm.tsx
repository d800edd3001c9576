import { trialSchema } from '../schemas/member';

export function TrialForm() {
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const email = data.get('email') as string;
    const { contact, club } = trialSchema.parse({ contact: email, club: data.get('club') });
    window.fbq('track', 'StartTrial', {}, { em: contact }); // expect-flow: vendor meta-pixel user.contact.email pattern=zod-schema
    fetch('https://api.fitclub.app/trials', { method: 'POST', body: data }); // expect-flow: http api.fitclub.app user.contact.email pattern=form-data
    window.dataLayer.push({ event: 'trial_request', club }); // expect-no-flow pattern=no-personal-data
  };
  return (
    <form onSubmit={onSubmit}>
      <input name="email" type="email" placeholder="Email" />
      <input name="club" type="hidden" value="north" />
      <button>Book a free trial</button>
    </form>
  );
}
