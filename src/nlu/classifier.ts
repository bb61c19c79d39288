import { type Features, type NeuralSettings } from '@nlpjs/neural';
import { PackedNeuralNetwork } from './packed-network.js';
import { SpellCheck } from '@nlpjs/similarity';
import { features, stems, words } from './features.js';

/**
 * One intent classifier: nlp.js's neural network (a perceptron per intent over the message's
 * features, the model of nlp.js's NluNeural), trained on labelled utterances. Training is
 * deterministic (no random initialisation) and synchronous; classifying is synchronous and pure.
 *
 * As nlp.js does, words the training data never saw are turned into a "none" feature that
 * pushes towards the None intent, so a message about something else scores low everywhere; a
 * word one typo away from a known one counts as that word (nlp.js's spell check).
 */

export interface Example {
  label: string;
  text: string;
}

export interface Scored {
  label: string;
  score: number;
}

export interface Classification {
  /** Every label with a score above zero, best first; `None` included. The scores add up to 1. */
  ranked: Scored[];
  /** Each label's own output (nlp.js's perceptron, about 1 for a clear match, 0 for none), before the scores compete. */
  raw: Record<string, number>;
  /** The best label (`None` when nothing fits). */
  label: string;
  score: number;
  /** The share of the message's words the training data knows (0 when it has none). */
  known: number;
}

const NONE_FEATURE = 'nonefeature';

/**
 * How a classifier reads words: `stems` (nlp.js's Portuguese stemmer: "agendar", "agendamento"
 * alike) or `words` (the normalised words as written, which keep what the stemmer merges).
 */
export type Reader = 'stems' | 'words';
const READERS: Record<Reader, (text: string) => string[]> = { stems, words };

/** A trained classifier as plain JSON (nlp.js's network, and what this wrapper adds to it). */
export interface ClassifierJson {
  reader: Reader;
  network: unknown;
  featuresOf: Record<string, string[]>;
  noneDelta: number;
}

export class IntentClassifier {
  private readonly network: PackedNeuralNetwork;
  private readonly known: Record<string, number> = {};
  private readonly featuresOf = new Map<string, Set<string>>();
  private readonly spell: SpellCheck;
  private readonly noneDelta: number;
  private readonly reader: Reader;
  readonly labels: string[];

  constructor(examples: readonly Example[], settings: NeuralSettings & { reader?: Reader } = {}, trained?: ClassifierJson) {
    const { reader = 'stems', ...neural } = settings;
    this.network = new PackedNeuralNetwork({ log: false, ...neural });
    this.reader = trained?.reader ?? reader;
    if (trained) {
      for (const [label, list] of Object.entries(trained.featuresOf)) {
        this.featuresOf.set(label, new Set(list));
        for (const f of list) this.known[f] = 1;
      }
      this.network.fromJSON(trained.network);
      this.noneDelta = trained.noneDelta;
    } else {
      const corpus: { input: Features; output: Record<string, number> }[] = [];
      for (const ex of examples) {
        const input = features(READERS[this.reader](ex.text));
        for (const f of Object.keys(input)) {
          this.known[f] = 1;
          let set = this.featuresOf.get(ex.label);
          if (!set) this.featuresOf.set(ex.label, (set = new Set()));
          set.add(f);
        }
        corpus.push({ input, output: { [ex.label]: 1 } });
      }
      // nlp.js's "None" example: the none feature alone means no intent.
      corpus.push({ input: { [NONE_FEATURE]: 1 }, output: { None: 1 } });
      this.noneDelta = [...this.featuresOf.keys()].length / Math.max(1, Object.keys(this.known).length);
      this.network.train(corpus);
    }
    this.labels = [...this.featuresOf.keys()].sort();
    // Typos are corrected to known words only (a pair of stems is never a word someone typed).
    const knownWords = Object.fromEntries(Object.keys(this.known).filter((f) => !f.includes('_')).map((f) => [f, 1]));
    this.spell = new SpellCheck({ features: knownWords, minLength: 5 });
  }

  /** A classifier trained before (`toJSON`), without training again. */
  static fromJSON(json: ClassifierJson): IntentClassifier {
    return new IntentClassifier([], {}, json);
  }

  toJSON(): ClassifierJson {
    return { reader: this.reader, network: this.network.toJSON(), featuresOf: Object.fromEntries([...this.featuresOf].map(([l, set]) => [l, [...set]])), noneDelta: this.noneDelta };
  }

  classify(text: string): Classification {
    const tokens = READERS[this.reader](text).map((t) => (this.known[t] ? t : this.spell.checkToken(t, 1)));
    const all = features(tokens);
    const input: Features = {};
    let unknown = 0;
    let words = 0;
    for (const [f, v] of Object.entries(all)) {
      const isWord = !f.includes('_');
      if (isWord) words += 1;
      if (this.known[f]) input[f] = v;
      else if (isWord) unknown += 1;
    }
    // As nlp.js: each unknown word adds to the none feature, a little more each time.
    let none = 0;
    for (let i = 0, delta = this.noneDelta; i < unknown; i++, delta *= 1.2) none += delta;
    if (none > 0) input[NONE_FEATURE] = none;
    const raw = Object.keys(input).length > 0 ? (this.network.run(input) ?? {}) : {};
    // A label none of whose features the message shares is not a candidate (nlp.js does the same).
    const scored = Object.entries(raw)
      .filter(([label, score]) => score > 0 && (label === 'None' || this.activated(label, input)))
      .map(([label, score]) => ({ label, score: score * score }));
    const total = scored.reduce((sum, s) => sum + s.score, 0);
    const ranked = total > 0 ? scored.map((s) => ({ label: s.label, score: s.score / total })).sort((a, b) => b.score - a.score) : [{ label: 'None', score: 1 }];
    const best = ranked[0] as Scored;
    const own = Object.fromEntries(Object.entries(raw).filter(([label]) => label === 'None' || this.activated(label, input)));
    return { ranked, raw: own, label: best.label, score: best.score, known: words === 0 ? 0 : (words - unknown) / words };
  }

  private activated(label: string, input: Features): boolean {
    const own = this.featuresOf.get(label);
    return own !== undefined && Object.keys(input).some((f) => own.has(f));
  }
}
