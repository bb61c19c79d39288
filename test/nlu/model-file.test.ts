import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeBase } from '../../src/faq/knowledge-base.js';
import { buildLanguage, forgetBuiltLanguages, unreadTrainingCode } from '../../src/training/build.js';

/** The trained model kept between starts: loaded only when its key matches, and read the same. */
const entries = parseKnowledgeBase(readFileSync('kb/faq.yaml', 'utf8'));
const samples: [string, 'idle' | 'checkin.contact'][] = [
  ['monitoramento do cliente 123', 'idle'],
  ['qual o codigo quando o cliente nao atende na 2a semana?', 'idle'],
  ['ninguem atendeu', 'checkin.contact'],
  ['qual a senha do wifi?', 'idle'],
];

describe('the trained-model file', () => {
  it("is keyed by the training code as it is on disk: every file of it is read (a change in any trains again)", () => {
    expect(unreadTrainingCode).toEqual([]);
  });

  it('is written after training, read at the next start, and reads every message the same', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nlu-model-')), 'nlu-model.json');
    forgetBuiltLanguages();
    const first = buildLanguage('data/nlu/train', entries, file);
    expect(first.source).toBe('trained');
    expect(first.fileProblem).toBeUndefined();
    forgetBuiltLanguages();
    const second = buildLanguage('data/nlu/train', entries, file);
    expect(second.source).toBe('file');
    for (const [text, context] of samples) expect(second.nlu.agent(text, context)).toEqual(first.nlu.agent(text, context));
    expect(second.nlu.customer('tudo certo, valeu')).toEqual(first.nlu.customer('tudo certo, valeu'));
  });

  it('is not used when the data changed (another key), nor when it is damaged: the model is trained', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nlu-model-')), 'nlu-model.json');
    writeFileSync(file, JSON.stringify({ key: 'another', model: {} }));
    forgetBuiltLanguages();
    expect(buildLanguage('data/nlu/train', entries, file).source).toBe('trained');
    writeFileSync(file, '{ not json');
    forgetBuiltLanguages();
    const damaged = buildLanguage('data/nlu/train', entries, file);
    expect(damaged.source).toBe('trained');
    expect(damaged.fileProblem).toBeUndefined(); // rewritten whole after training
    expect(JSON.parse(readFileSync(file, 'utf8')).key).toMatch(/^[0-9a-f]{64}$/);
  });
});
