import { useEffect } from 'react';
import { identifyHotjar } from '../tracking/support';

export type SessionMember = { id: string; email: string; firstName: string } | null;

export function useIdentify(member: SessionMember) {
  useEffect(() => {
    if (!member) return;
    window.gtag('config', 'G-FITCLUB01', { user_id: member.id }); // expect-flow: vendor google-analytics user.unique_id pattern=react-hook
    window.Intercom('update', { user_id: member.id, email: member.email, name: member.firstName }); // expect-flow: vendor intercom user.contact.email pattern=react-hook
    identifyHotjar(member.id, member.email); // expect-flow: vendor hotjar user.contact.email pattern=cross-module-wrapper
  }, [member?.id]);
}
