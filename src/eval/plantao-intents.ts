import { readLabelledSet } from './labelled-set.js';
import { classifyPlantao, type PlantaoIntent } from '../flows/plantao/language.js';

/** Scores the plantão intent reader on the labelled set in data/plantao-intents.tsv. */

export interface LabelledMessage {
  label: PlantaoIntent;
  text: string;
}

export function readLabelled(path: string): LabelledMessage[] {
  return readLabelledSet(path).map(({ label, text }) => ({ label: label as PlantaoIntent, text }));
}

export interface Score {
  total: number;
  correct: number;
  accuracy: number;
  perLabel: Record<string, { total: number; correct: number }>;
  misses: { text: string; expected: string; got: string }[];
}

export function score(set: LabelledMessage[]): Score {
  const perLabel: Score['perLabel'] = {};
  const misses: Score['misses'] = [];
  for (const { label, text } of set) {
    const got = classifyPlantao(text);
    const bucket = (perLabel[label] ??= { total: 0, correct: 0 });
    bucket.total += 1;
    if (got === label) bucket.correct += 1;
    else misses.push({ text, expected: label, got });
  }
  const correct = set.length - misses.length;
  return { total: set.length, correct, accuracy: set.length ? correct / set.length : 0, perLabel, misses };
}
