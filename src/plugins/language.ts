import fp from 'fastify-plugin';
import { ConfigError } from '../config.js';
import { watchWhileRunning } from './file-watch.js';
import type { FaqIndex } from '../faq/faq-index.js';
import { KnowledgeBaseSource } from '../files/knowledge-base-source.js';
import { buildLanguage } from '../training/build.js';
import { trainInBackground } from '../training/background-training.js';
import type { LanguageModel } from '../nlu/language-model.js';
import { withTeachings } from '../nlu/teachings.js';
import type { Teaching } from '../domain/teaching.js';

/**
 * The knowledge base and the language layer trained on it and on data/nlu/. Read first: an
 * invalid base or training line stops the start before any connection is opened. A new base is
 * taken when its file changes (the classifiers are retrained with it in a worker thread, the
 * previous model answering meanwhile); one that does not fit the language data is refused and the
 * previous one stays.
 */

export interface Language {
  knowledgeBase: KnowledgeBaseSource;
  faq: FaqIndex;
  nlu: LanguageModel;
  /** Called with the new base and language layer after a reload. */
  onChange(listener: (language: { faq: FaqIndex; nlu: LanguageModel }) => void): void;
  /**
   * Puts a language layer trained elsewhere in force at once (a reference swap: a message is read
   * by the old model or the new, never a mix), with the teachings it holds, which every later
   * reload of the base keeps.
   */
  replace(next: { faq: FaqIndex; nlu: LanguageModel }, teachings: Teaching[]): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    language: Language;
  }
}

export default fp(
  (app, _opts, done) => {
    const { files } = app.config.settings;
    const knowledgeBase = new KnowledgeBaseSource(files.faq, app.logger);
    const loaded = knowledgeBase.reload();
    if (!loaded.ok) return done(new ConfigError([`FAQ_FILE: the knowledge base ${files.faq} is invalid: ${loaded.error}`]));
    // The supervisors' teachings in force (issue 24): none until the learning plugin has read them.
    let taught: Teaching[] = [];
    let first;
    try {
      // At start the model is read from its file, or trained when the file is missing or out of date.
      const merged = withTeachings(knowledgeBase.current(), taught);
      first = buildLanguage(files.nluData, merged.entries, files.nluModel, merged.faq);
    } catch (err) {
      return done(Object.assign(new ConfigError([`NLU_DATA_DIR: the language data in ${files.nluData} is invalid: ${(err as Error).message}`]), { cause: err }));
    }
    const { corpus } = first;
    app.log.info(
      { agent: corpus.agent.length, customer: corpus.customer.length, faq: corpus.faq.length, ms: first.ms, source: first.source },
      first.source === 'trained' ? 'language layer trained' : `language layer loaded (${first.source})`,
    );
    if (first.fileProblem) app.log.warn({ problem: first.fileProblem }, 'the trained language model is not kept between starts (the bot trains it at each start)');

    const listeners: ((language: { faq: FaqIndex; nlu: LanguageModel }) => void)[] = [];
    const language: Language = {
      knowledgeBase,
      faq: first.faq,
      nlu: first.nlu,
      onChange: (listener) => void listeners.push(listener),
      replace: (next, teachings) => {
        taught = teachings;
        Object.assign(language, { faq: next.faq, nlu: next.nlu });
        for (const listener of listeners) listener(next);
      },
    };
    // A new base retrains the classifiers (they learn from its questions too) in a worker thread, so
    // that the webhooks are served meanwhile (Karoo redelivers after 5 s); the model in force stays
    // until the new one is whole. The newest base wins: a retraining overtaken by a later change is
    // dropped, and one that ends after the teachings changed trains again with them.
    let generation = 0;
    let retraining: Promise<void> = Promise.resolve();
    const retrain = (): void => {
      const mine = ++generation;
      const teachings = taught;
      const merged = withTeachings(knowledgeBase.current(), teachings);
      retraining = trainInBackground(files.nluData, merged.entries, merged.faq).then(
        (next) => {
          if (mine !== generation) return;
          if (teachings !== taught) return retrain();
          language.replace(next, teachings);
          app.log.info({ entries: merged.entries.length, ms: next.ms }, 'language layer retrained for the new knowledge base');
        },
        (err: unknown) => {
          if (mine === generation) app.log.error({ err: (err as Error).message }, 'the new knowledge base does not fit the language data: the previous one stays in force');
        },
      );
    };
    knowledgeBase.onChange(() => retrain());
    app.addHook('onClose', async () => {
      generation += 1; // nothing is put in force while closing
      await retraining;
    });
    app.decorate('language', language);
    watchWhileRunning(app, knowledgeBase);
    done();
  },
  { name: 'language', fastify: '5.x' },
);
