/**
 * What a policy says of transfers to third countries (the safeguards it names) and of retention
 * (how long it keeps personal data), each with the sentence it came from, for drafting
 * `transfer:` on vendors and `retention:` on purposes.
 */
import type { TransferMechanism } from '../manifest/types';
import type { PolicyDocument, PolicySentence } from './text';
import type { PolicyMention } from './vendors';

/** A transfer safeguard a policy names. */
export interface PolicyTransfer {
  mechanism: TransferMechanism;
  mention: PolicyMention;
}

/** A retention period a policy states: a duration (P2Y) or its words. */
export interface PolicyRetention {
  retention: string;
  mention: PolicyMention;
}

/**
 * The words of each safeguard, strongest first: the EU-U.S. Privacy Shield and the Data Privacy
 * Framework are adequacy decisions (the Shield was annulled in 2020, so SCCs named beside it win).
 */
const TRANSFER_RULES: { mechanism: TransferMechanism; words: RegExp }[] = [
  { mechanism: 'scc', words: /\bstandard contractual clauses\b|\bmodel (contract )?clauses\b|\bSCCs?\b/i },
  { mechanism: 'bcr', words: /\bbinding corporate rules\b|\bBCRs?\b/i },
  { mechanism: 'adequacy', words: /\bprivacy shield\b|\badequacy decisions?\b|\bdata privacy framework\b|\badequate level of (data )?protection\b/i },
  { mechanism: 'consent', words: /\b(consent|agree) to (the |this |such )?transfer/i },
];

const RETENTION_SECTION = /\b(retain|retention|how long|keep)\b/i;
const RETENTION_VERB = /\b(keep|retain|store|hold)s?\b/i;
const AS_LONG_AS = /\bfor\s+(as long as [^.;]*?)(?=[.;]|,\s*(?:unless|after|and)\b|$)/i;
const DURATION = /\bfor\s+(?:a period of\s+)?(\d+|one|two|three|five|six|seven|ten)\s+(day|month|year)s?\b/i;
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, five: 5, six: 6, seven: 7, ten: 10 };

/** The transfer safeguards a policy names, strongest first, each once. */
export function findTransfers(doc: PolicyDocument): PolicyTransfer[] {
  const out: PolicyTransfer[] = [];
  for (const rule of TRANSFER_RULES) {
    const sentence = doc.sentences.find((s) => rule.words.test(s.text));
    if (sentence) out.push({ mechanism: rule.mechanism, mention: mentionOf(sentence, rule.words) });
  }
  return out;
}

/** The retention period a policy states first (in a retention section, else anywhere). */
export function findRetention(doc: PolicyDocument): PolicyRetention | undefined {
  const inSection = doc.sentences.filter((s) => RETENTION_SECTION.test(s.block.section));
  for (const sentence of [...inSection, ...doc.sentences]) {
    if (!RETENTION_VERB.test(sentence.text)) continue;
    const retention = retentionIn(sentence.text);
    if (retention) return { retention, mention: { sentence: sentence.text, line: sentence.line, text: retention } };
  }
  return undefined;
}

/** The retention a sentence states: `P2Y` for "for two years", the words for "for as long as ...". */
export function retentionIn(text: string): string | undefined {
  const duration = DURATION.exec(text);
  if (duration) {
    const n = NUMBERS[duration[1].toLowerCase()] ?? Number(duration[1]);
    return `P${n}${duration[2][0].toUpperCase()}`;
  }
  return AS_LONG_AS.exec(text)?.[1].trim();
}

function mentionOf(sentence: PolicySentence, words: RegExp): PolicyMention {
  return { sentence: sentence.text, line: sentence.line, text: words.exec(sentence.text)?.[0] ?? sentence.text };
}
