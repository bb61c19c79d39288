import { features, stems } from './features.js';
import type { Example, Scored } from './classifier.js';

/**
 * A second opinion on the FAQ: multinomial logistic regression (softmax) over the TF-IDF of the
 * message's stems and pairs of stems, L2-normalised, trained by shuffled stochastic gradient
 * descent. Where nlp.js's network (`classifier.ts`) learns one perceptron per entry on binary
 * features, this one weighs a rare word above a common one and makes the entries compete in
 * training, so its mistakes fall elsewhere: as a third voter it turned down more out-of-scope
 * questions at the same top-1 (dev-v2, `faq-reading.ts`). No maintained npm package trains a
 * sparse softmax regression (nlp.js has none; the mljs ones are dense, 20,000 features × 33
 * labels), hence this file.
 *
 * Training is deterministic (a seeded shuffle, no random initialisation); classifying is pure.
 */

/**
 * Passes over the data, learning rate (decayed per pass), L2 penalty: chosen on dev-v2 (FAQ top-1
 * of this reader alone: 8 passes 87.0%, 15 and 30 passes 87.7%; as the third voter 10 and 15
 * passes alike).
 */
const EPOCHS = 10;
const RATE = 0.5;
const L2 = 1e-5;
const MIN_QUESTIONS = 2;
/** A label whose error on an example is below this is not updated for it (fewer updates; the same figures on dev-v2). */
const MIN_GRADIENT = 1e-3;

export interface LinearJson {
  labels: string[];
  vocabulary: string[];
  /** The weights as signed bytes, feature-major (`feature * labels + label`), base64: each times `scale`. */
  weights: string;
  scale: number;
  idf: number[];
  bias: number[];
}

type Sparse = { ids: Int32Array; values: Float32Array };

export class LinearClassifier {
  private readonly labels: string[];
  private readonly ids = new Map<string, number>();
  private readonly idf: Float32Array;
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;
  private readonly scale: number;

  constructor(examples: readonly Example[], trained?: LinearJson) {
    if (trained) {
      this.labels = trained.labels;
      trained.vocabulary.forEach((f, i) => this.ids.set(f, i));
      this.idf = Float32Array.from(trained.idf);
      this.scale = trained.scale;
      const bytes = Buffer.from(trained.weights, 'base64');
      const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.weights = new Float32Array(signed.length);
      for (let i = 0; i < signed.length; i++) this.weights[i] = (signed[i] as number) * this.scale;
      this.bias = Float64Array.from(trained.bias);
      return;
    }
    this.labels = [...new Set(examples.map((e) => e.label))].sort();
    const docs = examples.map((e) => Object.keys(features(stems(e.text))));
    // A feature of one question only teaches that question: left out (half the features, the same figures).
    const df = new Map<string, number>();
    for (const doc of docs) for (const f of doc) df.set(f, (df.get(f) ?? 0) + 1);
    const idf: number[] = [];
    for (const [f, d] of df) {
      if (d < MIN_QUESTIONS) continue;
      this.ids.set(f, this.ids.size);
      idf.push(Math.log((1 + docs.length) / (1 + d)) + 1);
    }
    this.idf = Float32Array.from(idf);
    this.weights = new Float32Array(this.ids.size * this.labels.length);
    this.bias = new Float64Array(this.labels.length);
    this.train(
      docs.map((doc) => this.vector(doc)),
      examples.map((e) => this.labels.indexOf(e.label)),
    );
    // Kept to a byte each, as the model file holds them, so a model read from the file is the one trained here.
    let max = 0;
    for (const w of this.weights) max = Math.max(max, Math.abs(w));
    this.scale = max / 127 || 1;
    for (let i = 0; i < this.weights.length; i++) this.weights[i] = Math.round((this.weights[i] as number) / this.scale) * this.scale;
  }

  static fromJSON(json: LinearJson): LinearClassifier {
    return new LinearClassifier([], json);
  }

  toJSON(): LinearJson {
    const vocabulary: string[] = new Array<string>(this.ids.size);
    for (const [f, i] of this.ids) vocabulary[i] = f;
    const bytes = Int8Array.from(this.weights, (w) => Math.round(w / this.scale));
    return { labels: this.labels, vocabulary, weights: Buffer.from(bytes.buffer).toString('base64'), scale: this.scale, idf: [...this.idf], bias: [...this.bias] };
  }

  /** Every label's probability, best first (they add up to 1; empty when no feature is known). */
  classify(text: string): Scored[] {
    const x = this.vector(Object.keys(features(stems(text))));
    if (x.ids.length === 0) return [];
    const p = this.probabilities(x);
    return this.labels.map((label, l) => ({ label, score: p[l] as number })).sort((a, b) => b.score - a.score);
  }

  private vector(doc: readonly string[]): Sparse {
    const ids: number[] = [];
    const values: number[] = [];
    for (const f of doc) {
      const id = this.ids.get(f);
      if (id === undefined) continue;
      ids.push(id);
      values.push(this.idf[id] as number);
    }
    const norm = Math.hypot(...values) || 1;
    return { ids: Int32Array.from(ids), values: Float32Array.from(values, (v) => v / norm) };
  }

  private probabilities(x: Sparse, z = new Float64Array(this.labels.length)): Float64Array {
    const n = this.labels.length;
    const { ids, values } = x;
    const w = this.weights;
    z.set(this.bias);
    for (let i = 0; i < ids.length; i++) {
      const row = (ids[i] as number) * n;
      const v = values[i] as number;
      for (let l = 0; l < n; l++) z[l] = (z[l] as number) + (w[row + l] as number) * v;
    }
    let max = -Infinity;
    for (let l = 0; l < n; l++) max = Math.max(max, z[l] as number);
    let total = 0;
    for (let l = 0; l < n; l++) total += z[l] = Math.exp((z[l] as number) - max);
    for (let l = 0; l < n; l++) z[l] = (z[l] as number) / total;
    return z;
  }

  private train(xs: readonly Sparse[], ys: readonly number[]): void {
    const n = this.labels.length;
    const w = this.weights;
    const gradient = new Float64Array(n);
    const order = xs.map((_, i) => i);
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const rate = RATE / (1 + epoch * 0.2);
      for (const k of order) {
        const x = xs[k] as Sparse;
        const { ids, values } = x;
        this.probabilities(x, gradient);
        gradient[ys[k] as number] = (gradient[ys[k] as number] as number) - 1;
        for (let l = 0; l < n; l++) {
          const g = gradient[l] as number;
          if (Math.abs(g) < MIN_GRADIENT) continue;
          for (let i = 0; i < ids.length; i++) {
            const at = (ids[i] as number) * n + l;
            w[at] = (w[at] as number) - rate * (g * (values[i] as number) + L2 * (w[at] as number));
          }
          this.bias[l] = (this.bias[l] as number) - rate * g;
        }
      }
    }
  }
}
