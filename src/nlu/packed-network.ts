import { NeuralNetwork, type Perceptron, type PreparedInput, type PreparedExample } from '@nlpjs/neural';

/**
 * nlp.js's neural network with its two inner loops reading packed arrays. nlp.js keeps each
 * prepared example's values in an object keyed by feature number, and reading those objects is
 * most of its training time (about 0.2 s per pass over the FAQ data, 25 passes). The arithmetic
 * and its order are nlp.js's own, so a network trained here is the network nlp.js trains
 * (`test/nlu/packed-network.test.ts` compares the two, weight by weight); the settings, the
 * stopping rule, `toJSON` and `fromJSON` are nlp.js's.
 */

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

  override fromJSON(json: unknown): void {
    super.fromJSON(json);
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
