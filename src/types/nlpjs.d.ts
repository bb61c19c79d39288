// Type declarations for the parts of nlp.js (axa-group/nlp.js, v4) the bot uses; the packages ship none.

declare module '@nlpjs/neural' {
  export interface NeuralSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }
  export type Features = Record<string, number>;
  /** An example's features as nlp.js prepares them: feature numbers, and each one's value by number. */
  export interface PreparedInput {
    keys: number[];
    data: Record<number, number>;
  }
  export interface PreparedExample {
    input: PreparedInput;
    output: PreparedInput;
  }
  export interface Perceptron {
    name: string;
    id: number;
    weights: Float32Array;
    changes: Float32Array;
    bias: number;
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    train(corpus: { input: Features; output: Record<string, number> }[]): { error: number; deltaError: number; iterations: number };
    run(input: Features): Record<string, number> | undefined;
    toJSON(): unknown;
    fromJSON(json: unknown): void;
    protected settings: Required<Omit<NeuralSettings, 'log'>>;
    protected lookup: { outputLookup: { items: string[] }; transformInput(input: Features): PreparedInput };
    protected numPerceptrons: number;
    protected perceptrons: Perceptron[] | undefined;
    protected decayLearningRate: number;
    protected runInput(input: PreparedInput): Record<string, number>;
    protected prepareCorpus(corpus: { input: Features; output: Record<string, number> }[]): PreparedExample[];
    protected runInputPerceptron(perceptron: Perceptron, input: PreparedInput): number;
    protected trainPerceptron(perceptron: Perceptron, data: PreparedExample[]): number;
  }
}

declare module '@nlpjs/lang-pt' {
  export class StemmerPt {
    constructor(container?: unknown);
    stemWord(word: string): string;
  }
  export class TokenizerPt {
    constructor(container?: unknown, shouldTokenize?: boolean);
    tokenize(text: string, normalize?: boolean): string[];
  }
}

declare module '@nlpjs/similarity' {
  export class SpellCheck {
    constructor(settings?: { features?: Record<string, number>; minLength?: number });
    checkToken(token: string, distance: number): string;
  }
}
