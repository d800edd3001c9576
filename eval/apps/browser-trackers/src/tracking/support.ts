import Hotjar from '@hotjar/browser';

export function bootIntercom(member: { id: string; email: string; firstName: string; lastName: string; createdAt: number }) {
  window.Intercom('boot', { // expect-flow: vendor intercom user.contact.email,user.unique_id pattern=browser-global
    app_id: 'fc7x9q2',
    user_id: member.id,
    email: member.email,
    name: `${member.firstName} ${member.lastName}`,
    created_at: member.createdAt,
  });
}

export function shutdownIntercom() {
  window.Intercom('shutdown'); // expect-no-flow pattern=no-personal-data
}

export function identifyHotjar(memberId: string, email: string) {
  window.hj('identify', memberId, { email }); // expect-flow: vendor hotjar user.contact.email pattern=browser-global
  Hotjar.identify(memberId, { plan: 'gold' }); // expect-flow: vendor hotjar user.unique_id pattern=direct
}

export function heatmapTag(tag: string) {
  window.hj('event', tag); // expect-no-flow pattern=no-personal-data
}
