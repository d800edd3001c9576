import { useIdentify } from '../hooks/useIdentify';
import { useMember } from '../hooks/useMember';
import { bootIntercom } from '../tracking/support';
import { sendExitBeacon } from '../tracking/beacon';

export function AccountPage() {
  const member = useMember();
  // expect-flow: vendor google-analytics user.unique_id pattern=react-hook
  // expect-flow: vendor intercom user.contact.email pattern=react-hook
  // expect-flow: vendor hotjar user.contact.email pattern=react-hook
  useIdentify(member);

  const openChat = () => {
    if (!member) return;
    bootIntercom({ ...member, lastName: '', createdAt: Date.now() }); // expect-flow: vendor intercom user.contact.email pattern=spread-assign
  };

  const onLeave = () => sendExitBeacon(member?.id ?? null, location.pathname, performance.now() / 1000); // expect-flow: http api.fitclub.app user.unique_id pattern=optional-chaining

  return (
    <main onMouseLeave={onLeave}>
      <h1>Hi {member?.firstName}</h1>
      <label>Email <input name="email" defaultValue={member?.email} onBlur={(e) => window.hj('identify', member?.id, { email: e.target.value })} /></label> {/* expect-flow: vendor hotjar user.contact.email pattern=jsx-form-input */}
      <button onClick={openChat}>Chat with us</button>
    </main>
  );
}
