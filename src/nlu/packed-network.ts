import { NeuralNetwork, type Perceptron, type PreparedInput, type PreparedExample } from '@nlpjs/neural';

/**
 * nlp.js's neural network with its two inner loops reading packed arrays. nlp.js keeps each
 * prepared example's values in an object keyed by feature number, and reading those objects is
 * most of its training time (about 0.2 s per pass over the FAQ data, 25 passes). The arithmetic
 * and its order are nlp.js's own, so a network trained here is the network nlp.js trains
 * (`test/nlu/packed-network.test.ts` compares the two, weight by weight); the settings and the
 * stopping rule are nlp.js's. `toJSON` writes nlp.js's JSON with the weights packed
 * (`CompactJson`); `fromJSON` reads both.
 */

/** nlp.js's JSON of a trained network. */
interface NlpJson {
  settings?: Record<string, unknown>;
  features?: string[];
  intents?: string[];
  /** Each perceptron's weights, one per feature, then its bias. */
  perceptrons?: number[][];
}

/**
 * The same, packed: most weights are zero (80% of the FAQ network's), so a bitmap says which are
 * not and their values (Float32 in nlp.js's network, so nothing is lost) follow, both base64; the
 * biases (doubles) stay numbers. The FAQ network's 4.2 MB of text became about 1 MB, parsed
 * without a number per weight (the model file is read at every start).
 */
export interface CompactJson {
  settings?: Record<string, unknown>;
  features: string[];
  intents: string[];
  /** One bit per weight (perceptron by perceptron, feature by feature): set when it is not zero. */
  nonZero: string;
  /** The weights that are not zero, in that order, Float32. */
  weights: string;
  biases: number[];
}

const base64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function bytesOf(text: string): Uint8Array {
  const b = Buffer.from(text, 'base64');
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function isCompact(json: unknown): json is CompactJson {
  return typeof (json as CompactJson | undefined)?.weights === 'string';
}

interface Packed extends PreparedInput {
  values: Float64Array;
}

interface PackedExample {
  input: Packed;
  /** The expected output of every perceptron, by its id. */
  expected: Float64Array;
}

function pack(input: PreparedInput): Packed {
  return { ...input, values: Float64Array.from(input.keys, (k) => input.data[k] ?? 0) };
}

export class PackedNeuralNetwork extends NeuralNetwork {
  /** Trains, then lets go of what only training needs (each perceptron's momentum, as large as its weights). */
  override train(corpus: Parameters<NeuralNetwork['train']>[0]): ReturnType<NeuralNetwork['train']> {
    const status = super.train(corpus);
    this.releaseMomentum();
    return status;
  }

  /** nlp.js's JSON of a trained network, packed (an untrained one is left as nlp.js writes it). */
  static compact(json: NlpJson): CompactJson | NlpJson {
    const { perceptrons, features, intents, ...rest } = json;
    if (!perceptrons || !features || !intents) return json;
    const n = features.length;
    const nonZero = new Uint8Array(Math.ceil((perceptrons.length * n) / 8));
    const values: number[] = [];
    perceptrons.forEach((p, i) => {
      for (let j = 0; j < n; j++) {
        const w = p[j] as number;
        if (w === 0) continue;
        const at = i * n + j;
        nonZero[at >> 3] = (nonZero[at >> 3] as number) | (1 << (at & 7));
        values.push(w);
      }
    });
    return { ...rest, features, intents, nonZero: base64(nonZero), weights: base64(Float32Array.from(values)), biases: perceptrons.map((p) => p[n] as number) };
  }

  override toJSON(): CompactJson | NlpJson {
    return PackedNeuralNetwork.compact(super.toJSON() as NlpJson);
  }

  override fromJSON(json: unknown): void {
    if (!isCompact(json)) {
      super.fromJSON(json);
    } else {
      // nlp.js builds the lookup and the perceptrons; their weights are then copied in whole.
      super.fromJSON({ settings: json.settings, features: json.features, intents: json.intents, perceptrons: json.intents.map(() => []) });
      const nonZero = bytesOf(json.nonZero);
      const values = new Float32Array(bytesOf(json.weights).buffer);
      const n = json.features.length;
      let next = 0;
      (this.perceptrons ?? []).forEach((perceptron, i) => {
        const { weights } = perceptron;
        for (let j = 0; j < n; j++) {
          const at = i * n + j;
          weights[j] = (nonZero[at >> 3] as number) & (1 << (at & 7)) ? (values[next++] as number) : 0;
        }
        perceptron.bias = json.biases[i] as number;
      });
    }
    this.releaseMomentum();
  }

  private releaseMomentum(): void {
    for (const perceptron of this.perceptrons ?? []) perceptron.changes = new Float32Array(0);
  }

  protected override prepareCorpus(corpus: Parameters<NeuralNetwork['prepareCorpus']>[0]): PreparedExample[] {
    const prepared = super.prepareCorpus(corpus);
    const outputs = this.lookup.outputLookup.items.length;
    return prepared.map((example) => {
      const expected = new Float64Array(outputs);
      for (const [id, value] of Object.entries(example.output.data)) expected[Number(id)] = value;
      const packed: PackedExample = { input: pack(example.input), expected };
      return packed as unknown as PreparedExample;
    });
  }

  override run(input: Record<string, number>): Record<string, number> | undefined {
    return this.numPerceptrons ? this.runInput(pack(this.lookup.transformInput(input))) : undefined;
  }

  protected override runInputPerceptron(perceptron: Perceptron, input: PreparedInput): number {
    const { keys, values } = input as Packed;
    const { weights } = perceptron;
    let sum = perceptron.bias;
    for (let j = 0; j < keys.length; j += 1) sum += (values[j] as number) * (weights[keys[j] as number] as number);
    return sum <= 0 ? 0 : this.settings.alpha * sum;
  }

  protected override trainPerceptron(perceptron: Perceptron, data: PreparedExample[]): number {
    const { alpha, momentum } = this.settings;
    const { changes, weights, id } = perceptron;
    let error = 0;
    for (const example of data as unknown as PackedExample[]) {
      const { keys, values } = example.input;
      const actualOutput = this.runInputPerceptron(perceptron, example.input);
      const currentError = (example.expected[id] as number) - actualOutput;
      if (currentError) {
        error += currentError ** 2;
        const delta = (actualOutput > 0 ? 1 : alpha) * currentError * this.decayLearningRate;
        for (let j = 0; j < keys.length; j += 1) {
          const key = keys[j] as number;
          const change = delta * (values[j] as number) + momentum * (changes[key] as number);
          changes[key] = change;
          weights[key] = (weights[key] as number) + change;
        }
        perceptron.bias += delta;
      }
    }
    return error;
  }
}
