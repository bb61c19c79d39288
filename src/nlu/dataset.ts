import type { FaqLabels } from '../faq/knowledge-base.js';
import { AGENT_CONTEXTS, AGENT_INTENTS, CUSTOMER_INTENTS, TECHNICIAN_INTENTS, type AgentContext } from './intents.js';

/**
 * The labelled utterances of `data/nlu/` (TSV, `#` comments): `agent*.tsv` as
 * `label<TAB>context<TAB>text`, `customer*.tsv`, `faq*.tsv`, `technician*.tsv` and `demand*.tsv` as `label<TAB>text`. Validated
 * like the knowledge base: a line that is not right stops the start with its file and number.
 */

export interface Utterance {
  label: string;
  text: string;
  /** `file:line`, for messages and reports. */
  where: string;
}

export interface AgentUtterance extends Utterance {
  context: AgentContext;
}

export interface Corpus {
  agent: AgentUtterance[];
  customer: Utterance[];
  faq: Utterance[];
  /** A plantão technician's lines to customers (QA's wording flags); absent from the dev and held-out splits. */
  technician: Utterance[];
  /**
   * Check-in demands told as descriptions (`demand.*`, or `unsaid` when the answer names none),
   * read only by the demand reader: kept out of the agent's models, where they would pull other
   * messages towards a demand.
   */
  demand: Utterance[];
}

export class NluDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(`${file}, line ${line}: ${problem}`);
    this.name = 'NluDataError';
  }
}

const agentLabels = new Set<string>(AGENT_INTENTS);
const customerLabels = new Set<string>(CUSTOMER_INTENTS);
const technicianLabels = new Set<string>(TECHNICIAN_INTENTS);
/** A demand file's labels: the five demands, and `unsaid` for an answer that names none ("sim, com demanda"). */
export const UNSAID = 'unsaid';
const demandLabels = new Set<string>([...AGENT_INTENTS.filter((l) => l.startsWith('demand.')), UNSAID]);
const contexts = new Set<string>(AGENT_CONTEXTS);

/** Reads one TSV file; `faqIds` are the knowledge base's entry ids (`faq.<id>` labels; a replaced entry's id reads as the entry that replaced it). */
export function parseCorpusFile(name: string, text: string, faqIds: FaqLabels): Partial<Corpus> {
  const kind = (['agent', 'customer', 'faq', 'technician', 'demand'] as const).find((k) => name.startsWith(k));
  if (!kind) throw new NluDataError(name, 0, 'the file name must start with agent, customer, faq, technician or demand');
  const rows: (Utterance | AgentUtterance)[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    const n = i + 1;
    if (!line.trim() || line.startsWith('#')) return;
    const fields = line.split('\t');
    const expected = kind === 'agent' ? 3 : 2;
    if (fields.length !== expected) {
      throw new NluDataError(name, n, `expected ${expected} fields separated by tabs (${kind === 'agent' ? 'label, context, text' : 'label, text'}), found ${fields.length}`);
    }
    const written = (fields[0] ?? '').trim();
    // The entry a FAQ label means now (itself, or the entry that replaced it); undefined for an id the base never had.
    const meant = kind === 'faq' && written.startsWith('faq.') ? faqIds.get(written.slice(4)) : undefined;
    const label = meant ? `faq.${meant}` : written;
    const textField = (fields[expected - 1] ?? '').trim();
    if (!textField) throw new NluDataError(name, n, 'the text is empty');
    const valid =
      kind === 'agent'
        ? agentLabels.has(label)
        : kind === 'customer'
          ? customerLabels.has(label)
          : kind === 'technician'
            ? technicianLabels.has(label)
            : kind === 'demand'
              ? demandLabels.has(label)
              : label === 'none' || meant !== undefined;
    if (!valid) {
      const hint = kind === 'faq' && written.startsWith('faq.') ? ` (no entry "${written.slice(4)}" in the knowledge base)` : '';
      throw new NluDataError(name, n, `unknown label "${written}"${hint}`);
    }
    const key = textField.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new NluDataError(name, n, `repeats the text of line ${earlier}`);
    seen.set(key, n);
    const where = `${name}:${n}`;
    if (kind === 'agent') {
      const context = (fields[1] ?? '').trim();
      if (!contexts.has(context)) throw new NluDataError(name, n, `unknown context "${context}" (one of ${AGENT_CONTEXTS.join(', ')})`);
      rows.push({ label, context: context as AgentContext, text: textField, where });
    } else {
      rows.push({ label, text: textField, where });
    }
  });
  return { [kind]: rows };
}
