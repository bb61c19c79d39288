import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faqLabelsOf, parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
import { loadCorpus } from '../../src/files/corpus.js';
import { NluDataError, type Corpus } from '../../src/nlu/dataset.js';
import { AGENT_INTENTS, CUSTOMER_INTENTS } from '../../src/nlu/intents.js';
import { fold } from '../../src/util/text.js';
import { build } from '../helpers/build.js';

const kb = parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8'));
const ids = faqLabelsOf(kb);
const train = loadCorpus('data/nlu/train', ids);
const heldout = loadCorpus('data/nlu/heldout', ids);
const all = (c: Corpus) => [...c.agent, ...c.customer, ...c.faq, ...c.demand];
const count = (c: Corpus, label: string) => all(c).filter((u) => u.label === label).length;
/** How two texts compare: accents, case, punctuation and spacing aside. */
const key = (t: string) => fold(t).replace(/[^a-z0-9]+/g, ' ').trim();

/** A data folder of its own holding these files. */
function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nlu-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function dataError(files: Record<string, string>): NluDataError {
  const dir = dataDir(files);
  try {
    loadCorpus(dir, ids);
  } catch (err) {
    return err as NluDataError;
  }
  throw new Error('expected the data to be refused');
}

describe('the training data (data/nlu/train)', () => {
  it('has at least 1,500 utterances, 30 per intent and 10 paraphrases per knowledge-base entry', () => {
    expect(all(train).length).toBeGreaterThanOrEqual(1500);
    for (const label of [...AGENT_INTENTS, ...CUSTOMER_INTENTS]) expect(count(train, label), label).toBeGreaterThanOrEqual(30);
    for (const { id } of kb) expect(count(train, `faq.${id}`), id).toBeGreaterThanOrEqual(10);
    expect(count(train, 'none')).toBeGreaterThanOrEqual(100);
  });

  it("shares no utterance with the held-out splits (the knowledge base's questions and phrasings are training too)", () => {
    const seen = new Set([...all(train).map((u) => u.text), ...kb.flatMap((e) => [e.question, ...e.phrasings])].map(key));
    expect(all(heldout).filter((u) => seen.has(key(u.text))).map((u) => u.where)).toEqual([]);
    // The second held-out split (issue 23), check-in answers included.
    const checkins = readFileSync('data/nlu/heldout-v2/checkin.tsv', 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t').slice(4).join('\t'));
    const v2 = [...all(loadCorpus('data/nlu/heldout-v2', ids)).map((u) => u.text), ...checkins];
    expect(v2.length).toBeGreaterThanOrEqual(600);
    expect(v2.filter((t) => seen.has(key(t)))).toEqual([]);
  });
});

describe('the knowledge base (kb/faq.yaml)', () => {
  // Found by an outside tester: an answer told agents "o bot segue a configuração MONITORING_OK_CODE".
  it("tells agents nothing of the bot's own settings: no environment variable in any answer", () => {
    expect(kb.filter((e) => /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/.test(e.answer)).map((e) => e.id)).toEqual([]);
  });
});

describe('the held-out split (data/nlu/heldout)', () => {
  it('says what it is, holds at least 300 utterances and every intent', () => {
    for (const name of readdirSync('data/nlu/heldout').filter((f) => f.endsWith('.tsv'))) {
      expect(readFileSync(join('data/nlu/heldout', name), 'utf8').split('\n')[0]).toMatch(/^# HELD-OUT SPLIT(: written before any tuning| \((second|third|fourth) batch\): written after the model was tuned).*[Nn]ever used to tune/);
    }
    expect(all(heldout).length).toBeGreaterThanOrEqual(300);
    for (const label of [...AGENT_INTENTS, ...CUSTOMER_INTENTS]) expect(count(heldout, label), label).toBeGreaterThanOrEqual(10);
    for (const { id } of kb) expect(count(heldout, `faq.${id}`), id).toBeGreaterThanOrEqual(4);
  });
});

describe('validation', () => {
  it("reads the label of an entry merged into another as that other entry's", () => {
    const dir = dataDir({ 'faq-x.tsv': 'faq.dois-atendimentos\tabro rsp e 2266?\nfaq.monitoramento-inicio\tacabei a implantacao e agora\n' });
    expect(loadCorpus(dir, ids).faq.map((u) => u.label)).toEqual(['faq.monitoramento-inicio', 'faq.monitoramento-inicio']);
  });

  it('names the file and line of a bad line', () => {
    const wrongLabel = dataError({ 'customer-x.tsv': '# header\ncustomer.all_fine\ttudo ok\ncustomer.happy\tvaleu\n' });
    expect(wrongLabel).toBeInstanceOf(NluDataError);
    expect(wrongLabel.message).toBe('customer-x.tsv, line 3: unknown label "customer.happy"');
    expect(dataError({ 'agent-x.tsv': 'answer.yes\tsim\n' }).message).toMatch(/agent-x.tsv, line 1: expected 3 fields/);
    expect(dataError({ 'agent-x.tsv': 'answer.yes\tlater\tsim\n' }).message).toMatch(/line 1: unknown context "later"/);
    expect(dataError({ 'faq-x.tsv': 'faq.nao-existe\tcomo?\n' }).message).toMatch(/no entry "nao-existe" in the knowledge base/);
    expect(dataError({ 'faq-x.tsv': 'none\toi\nnone\tOi\n' }).message).toMatch(/line 2: repeats the text of line 1/);
    expect(dataError({ 'technician-x.tsv': 'technician.rude\tvc e burro\n' }).message).toMatch(/technician-x.tsv, line 1: unknown label "technician.rude"/);
    expect(dataError({ 'notes.tsv': 'x\ty\n' }).message).toMatch(/must start with agent, customer, faq, technician or demand/);
  });

  it('stops the start on an invalid training file, saying which line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-app-'));
    writeFileSync(join(dir, 'customer.tsv'), 'customer.all_fine\ttudo ok\ncustomer.all_fine\n');
    await expect(build({ env: { NLU_DATA_DIR: dir } })).rejects.toThrow(/language data .* is invalid: customer.tsv, line 2: expected 2 fields/);
  });
});
