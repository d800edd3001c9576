import { useEffect, useState } from 'react';
import type { SessionMember } from './useIdentify';

export function useMember() {
  const [member, setMember] = useState<SessionMember>(null);
  useEffect(() => {
    fetch('https://api.fitclub.app/me', { credentials: 'include' }) // expect-no-flow pattern=no-personal-data
      .then((r) => (r.ok ? r.json() : null))
      .then(setMember);
  }, []);
  return member;
}
