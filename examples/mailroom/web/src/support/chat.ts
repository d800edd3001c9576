interface ChatUser {
  id: string;
  name: string;
  email: string;
}

// Declared: Drift runs the support chat and receives the name and email.
export function startSupportChat(user: ChatUser): void {
  drift.on('ready', () => {
    drift.identify(user.id, {
      email: user.email,
      name: user.name,
    });
  });
}
