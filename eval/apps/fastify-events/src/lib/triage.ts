import OpenAI from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function classifyTicket(ticket: { email: string; message: string }) {
  // expect-flow: vendor openai user.content.private pattern=object-literal
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Classify the support message as billing, bug or other.' },
      { role: 'user', content: ticket.message },
    ],
  });
  return completion.choices[0]?.message.content ?? 'other';
}

export async function embedDocs(docs: string[]) {
  return openai.embeddings.create({ model: 'text-embedding-3-small', input: docs }); // expect-no-flow pattern=no-personal-data
}
