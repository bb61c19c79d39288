import { existsSync, readFileSync } from 'node:fs';
import { FaqIndex } from '../faq/faq-index.js';
import { faqLabelsOf, parseKnowledgeBase, type FaqLabels } from '../faq/knowledge-base.js';
import { loadCorpus } from '../files/corpus.js';
import { type AgentUtterance, type Corpus, type Utterance } from '../nlu/dataset.js';
import { LanguageModel, type AgentReading } from '../nlu/language-model.js';
import type { Thresholds } from '../nlu/settings.js';
import { fold } from '../util/text.js';

/**
 * Scores the language layer on a labelled split (data/nlu/dev, data/nlu/heldout) after training
 * on data/nlu/train: per-intent precision and recall, confusion, worst misses, and the targets
 * of the issue (FAQ top-1 and out-of-scope rejection, customer intents, scheduling topic, agent
 * dialog answers). The same decisions the flows take are scored, not the raw classifier.
 */

export interface Row {
  gold: string;
  got: string;
  text: string;
  context?: string;
  where: string;
}

export interface Scores {
  rows: Row[];
  accuracy: number;
}

export interface Report {
  agent: Scores;
  /** answer.* and demand.* in the contexts where the bot asks for them. */
  dialogAnswers: Scores;
  customer: Scores;
  /** Among scheduling requests: the right topic. */
  topic: Scores;
  faqInScope: Scores;
  faqRejection: Scores;
  /** In-scope questions answered with two options, one of them right. */
  faqInOptions: number;
}

export function buildModel(trainDir = 'data/nlu/train', kbPath = 'kb/faq.yaml', thresholds?: Thresholds): { model: LanguageModel; corpus: Corpus; index: FaqIndex } {
  const index = new FaqIndex(parseKnowledgeBase(readFileSync(kbPath, 'utf8')));
  const corpus = loadCorpus(trainDir, faqLabelsOf(index.entries()));
  return { model: new LanguageModel(corpus, index, thresholds), corpus, index };
}

export function agentLabel(r: AgentReading): string {
  if (r.kind === 'intent') return r.intent;
  if (r.kind === 'unclear') return 'unclear';
  return r.faq.kind === 'answer' ? `faq.${r.faq.entry.id}` : r.faq.kind === 'options' ? `faq.${r.faq.entries[0].id}` : 'none';
}

const score = (rows: Row[]): Scores => ({ rows, accuracy: rows.length ? rows.filter((r) => r.gold === r.got).length / rows.length : 0 });

/** How two texts compare: accents, case, punctuation and spacing aside. */
const textKey = (text: string): string => fold(text).replace(/[^a-z0-9]+/g, ' ').trim();

/** A text written twice in a split (by two batches: "sim", "nao") counts once, with its label and context. */
function unique<T extends Utterance & { context?: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((u) => {
    const key = `${u.label}\t${u.context ?? ''}\t${textKey(u.text)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function evaluate(model: LanguageModel, given: Corpus): Report {
  const split: Corpus = { agent: unique(given.agent), customer: unique(given.customer), faq: unique(given.faq), technician: unique(given.technician), demand: [] };
  const agentRows = split.agent.map((u: AgentUtterance) => ({ gold: u.label, got: agentLabel(model.agent(u.text, u.context)), text: u.text, context: u.context, where: u.where }));
  const customerRows = split.customer.map((u: Utterance) => ({ gold: u.label, got: model.customer(u.text).intent, text: u.text, where: u.where }));
  const topicRows = customerRows.filter((r) => r.gold.startsWith('schedule.'));
  let faqInOptions = 0;
  // Agents' questions go through the same reading as any message in the bot chat (idle): a
  // question out of scope counts as turned down unless it is answered with an entry.
  const faqRows = split.faq.map((u) => {
    const r = model.agent(u.text, 'idle');
    const d = r.kind === 'faq' ? r.faq : null;
    // Two close answers: the first is given at once (what counts), the second offered in a line.
    const got = !d ? (u.label === 'none' ? 'none' : r.kind === 'intent' ? r.intent : 'unclear') : d.kind === 'answer' ? `faq.${d.entry.id}` : d.kind === 'options' ? `faq.${d.entries[0].id}` : 'none';
    if (d?.kind === 'options' && `faq.${d.entries[1].id}` === u.label) faqInOptions += 1;
    return { gold: u.label, got, text: u.text, where: u.where };
  });
  return {
    agent: score(agentRows),
    dialogAnswers: score(agentRows.filter((r) => (r.gold.startsWith('answer.') || r.gold.startsWith('demand.')) && r.context !== 'idle')),
    customer: score(customerRows),
    topic: score(topicRows),
    faqInScope: score(faqRows.filter((r) => r.gold !== 'none')),
    faqRejection: score(faqRows.filter((r) => r.gold === 'none')),
    faqInOptions,
  };
}

export interface LabelStats {
  label: string;
  support: number;
  precision: number;
  recall: number;
}

export function perLabel(rows: Row[]): LabelStats[] {
  const labels = [...new Set(rows.map((r) => r.gold))].sort();
  return labels.map((label) => {
    const predicted = rows.filter((r) => r.got === label).length;
    const support = rows.filter((r) => r.gold === label).length;
    const right = rows.filter((r) => r.gold === label && r.got === label).length;
    return { label, support, precision: predicted ? right / predicted : 1, recall: support ? right / support : 1 };
  });
}

/** gold → got → count, only where they differ. */
export function confusion(rows: Row[]): Map<string, Map<string, number>> {
  const m = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.gold === r.got) continue;
    const inner = m.get(r.gold) ?? new Map<string, number>();
    inner.set(r.got, (inner.get(r.got) ?? 0) + 1);
    m.set(r.gold, inner);
  }
  return m;
}

/** k-fold cross-validation on the training data (deterministic folds: every k-th line). */
export function crossValidate(corpus: Corpus, index: FaqIndex, k = 5, thresholds?: Thresholds): { agent: number; customer: number; faq: number } {
  const totals: Record<'agent' | 'customer' | 'faq', [number, number]> = { agent: [0, 0], customer: [0, 0], faq: [0, 0] };
  for (let fold = 0; fold < k; fold++) {
    const inFold = <T>(_: T, i: number) => i % k === fold;
    const outFold = <T>(_: T, i: number) => i % k !== fold;
    const train: Corpus = { agent: corpus.agent.filter(outFold), customer: corpus.customer.filter(outFold), faq: corpus.faq.filter(outFold), technician: corpus.technician, demand: corpus.demand };
    const test: Corpus = { agent: corpus.agent.filter(inFold), customer: corpus.customer.filter(inFold), faq: corpus.faq.filter(inFold), technician: [], demand: [] };
    const report = evaluate(new LanguageModel(train, index, thresholds), test);
    const faqRows = [...report.faqInScope.rows, ...report.faqRejection.rows];
    for (const [key, rows] of [['agent', report.agent.rows], ['customer', report.customer.rows], ['faq', faqRows]] as const) {
      totals[key][0] += rows.filter((r) => r.gold === r.got).length;
      totals[key][1] += rows.length;
    }
  }
  const ratio = ([a, b]: [number, number]) => (b ? a / b : 0);
  return { agent: ratio(totals.agent), customer: ratio(totals.customer), faq: ratio(totals.faq) };
}

/**
 * Cross-validation by author batch: each training file (one author's round) is scored by a model
 * trained on all the other files. Closer to new authors than random folds, whose neighbours in the
 * same file share their phrasing. Returns each batch's accuracy and the totals per audience.
 */
export function crossValidateByBatch(corpus: Corpus, index: FaqIndex, thresholds?: Thresholds): { batches: { file: string; size: number; accuracy: number }[]; agent: number; customer: number; faq: number } {
  const fileOf = (u: Utterance) => u.where.split(':')[0] ?? u.where;
  const files = [...new Set([...corpus.agent, ...corpus.customer, ...corpus.faq].map(fileOf))].sort();
  const totals: Record<'agent' | 'customer' | 'faq', [number, number]> = { agent: [0, 0], customer: [0, 0], faq: [0, 0] };
  const batches = files.map((file) => {
    const out = <T extends Utterance>(u: T) => fileOf(u) !== file;
    const train: Corpus = { agent: corpus.agent.filter(out), customer: corpus.customer.filter(out), faq: corpus.faq.filter(out), technician: corpus.technician, demand: corpus.demand };
    const test: Corpus = { agent: corpus.agent.filter((u) => !out(u)), customer: corpus.customer.filter((u) => !out(u)), faq: corpus.faq.filter((u) => !out(u)), technician: [], demand: [] };
    const report = evaluate(new LanguageModel(train, index, thresholds), test);
    const rows = { agent: report.agent.rows, customer: report.customer.rows, faq: [...report.faqInScope.rows, ...report.faqRejection.rows] };
    let right = 0;
    let size = 0;
    for (const key of ['agent', 'customer', 'faq'] as const) {
      const ok = rows[key].filter((r) => r.gold === r.got).length;
      totals[key][0] += ok;
      totals[key][1] += rows[key].length;
      right += ok;
      size += rows[key].length;
    }
    return { file, size, accuracy: size ? right / size : 0 };
  });
  const ratio = ([a, b]: [number, number]) => (b ? a / b : 0);
  return { batches, agent: ratio(totals.agent), customer: ratio(totals.customer), faq: ratio(totals.faq) };
}

export const TARGETS = { faqTop1: 0.97, faqRejection: 0.95, customer: 0.97, topic: 0.97, dialogAnswers: 0.97 } as const;

/** Two labellers' reading of the same FAQ questions, and the bot's where they agree. */
export interface SecondOpinion {
  /** Questions both labelled (matched by text, accents and punctuation aside). */
  compared: number;
  /** Of those, the share the two labellers gave the same label: the ceiling a top-1 figure can mean. */
  agreement: number;
  /** In-scope questions both labellers put under the same entry, and the bot's answers to them. */
  inScope: Scores;
  /** Questions both labellers found out of scope, and the bot's rejections of them. */
  rejection: Scores;
}

/**
 * Scores the FAQ rows against a second, independent labelling of the same questions (an author
 * who saw the base and the rules, not the first labels): how often the labellers agree, and the
 * bot's figures on the questions where they do, where a miss is the bot's and not the labels'.
 */
export function againstSecondLabels(rows: readonly Row[], second: readonly Utterance[]): SecondOpinion {
  const theirs = new Map(second.map((u) => [textKey(u.text), u.label]));
  const compared = rows.filter((r) => theirs.has(textKey(r.text)));
  const agreed = compared.filter((r) => theirs.get(textKey(r.text)) === r.gold);
  return {
    compared: compared.length,
    agreement: compared.length ? agreed.length / compared.length : 0,
    inScope: score(agreed.filter((r) => r.gold !== 'none')),
    rejection: score(agreed.filter((r) => r.gold === 'none')),
  };
}

/**
 * Labels given again after the base changed (`<split>/relabel/faq.tsv`, by an author who saw the
 * new base and the questions, not the bot's answers) replace the first ones for the same texts.
 * Returns the split's FAQ questions with the labels in force, and the first label of each text
 * whose label changed (to print the figures as first labelled as well).
 */
export function withRelabels(faq: readonly Utterance[], relabels: readonly Utterance[]): { faq: Utterance[]; first: Map<string, string> } {
  const now = new Map(relabels.map((u) => [textKey(u.text), u.label]));
  const first = new Map<string, string>();
  const updated = faq.map((u) => {
    const label = now.get(textKey(u.text));
    if (label === undefined || label === u.label) return u;
    first.set(u.text, u.label);
    return { ...u, label };
  });
  return { faq: updated, first };
}

/** A labelled split (`data/nlu/<name>`) with the labels in force: those given again after the base grew applied (`withRelabels`). */
export function loadSplit(dir: string, labels: FaqLabels): { corpus: Corpus; first: Map<string, string> } {
  const corpus = loadCorpus(dir, labels);
  if (!existsSync(`${dir}/relabel`)) return { corpus, first: new Map() };
  const { faq, first } = withRelabels(corpus.faq, loadCorpus(`${dir}/relabel`, labels).faq);
  return { corpus: { ...corpus, faq }, first };
}
