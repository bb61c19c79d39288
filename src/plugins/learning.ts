import fp from 'fastify-plugin';
import type { LearningStatus, Teaching } from '../domain/teaching.js';
import { trainInBackground } from '../training/background-training.js';
import { withTeachings } from '../nlu/teachings.js';
import { TeachingStore } from '../store/teachings.js';

/**
 * What the supervisors teach the assistant (issue 24), learned without a restart: every instance
 * watches the teachings' version in Redis (every two seconds, and at once on the instance that
 * saved one), retrains in a worker thread, and puts the new model in force in one swap; a
 * failed training keeps the model in force and says why on the page. Once a teaching is learned,
 * the agents who asked are told in the bot chat, once (the first instance to claim it tells them).
 */

export interface Learning {
  store: TeachingStore;
  /** Retrains if the teachings changed since the model in force; resolves when done (or failed). */
  refresh(): Promise<void>;
  status(): Promise<LearningStatus | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    learning: Learning;
  }
}

const POLL_MS = 2000;

export default fp(
  (app, _opts, done) => {
    const store = new TeachingStore(app.redis.request, app.redis.keys);
    const { language } = app;
    const dir = app.config.settings.files.nluData;
    /** The teachings' version in force here (0: the base and the training data alone). */
    let applied = 0;
    /** The version whose training failed: not tried again until the teachings change. */
    let failed = -1;
    let running: Promise<void> | null = null;
    /** Telling the agents failed (Redis away): tried again at the next poll. */
    let tellPending = false;

    const tell = async (teachings: Teaching[]) => {
      const entries = new Map(language.faq.entries().map((e) => [e.id, e]));
      for (const t of teachings) {
        if (t.undone || t.kind === 'none') continue;
        const answer = t.kind === 'entry' ? t.entry.answer : entries.get(t.entryId)?.answer;
        if (!answer || !(await store.claimTelling(t.id))) continue;
        try {
          // Each agent's news has a fixed id: the processor applies it once, whoever enqueues it.
          for (const { login, question } of t.askedBy) {
            await app.queues.events.enqueueInternal(`agent:${login}`, { id: `taught|${t.id}|${login}`, type: 'forward', name: 'faq.taught', data: { question, answer } }, app.clock.now());
          }
        } catch (err) {
          await store.releaseTelling(t.id); // told at the next try, by whichever instance claims it then
          throw err;
        }
      }
    };

    const tellAll = async (teachings: Teaching[]) => {
      tellPending = false;
      await tell(teachings).catch((err: unknown) => {
        tellPending = true;
        app.log.warn({ err: (err as Error).message }, 'could not tell the agents about a teaching yet: trying again');
      });
    };

    const run = async () => {
      for (;;) {
        const version = await store.version();
        if (version === applied && tellPending) return tellAll(await store.all());
        if (version === applied || version === failed) return;
        const teachings = await store.all();
        const at = () => app.clock.now().toISOString();
        await store.setStatus({ version, state: 'training', at: at() });
        try {
          const merged = withTeachings(language.knowledgeBase.current(), teachings);
          const next = await trainInBackground(dir, merged.entries, merged.faq);
          language.replace(next, teachings);
          applied = version;
          await store.setStatus({ version, state: 'ready', at: at(), ms: next.ms });
          app.log.info({ version, teachings: teachings.filter((t) => !t.undone).length, ms: next.ms }, 'language layer retrained with the teachings');
        } catch (err) {
          failed = version;
          await store.setStatus({ version, state: 'failed', at: at(), error: (err as Error).message });
          app.log.error({ version, err: (err as Error).message }, 'the retraining with the teachings failed: the model in force stays');
          return;
        }
        await tellAll(teachings);
      }
    };

    const refresh = () => (running ??= run().finally(() => (running = null)));
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', (ready) => {
      const poll = () => {
        refresh()
          .catch((err: unknown) => app.log.warn({ err: (err as Error).message }, 'could not read the teachings (Redis): trying again'))
          .finally(() => (timer = setTimeout(poll, POLL_MS).unref()));
      };
      poll();
      ready();
    });
    app.addHook('onClose', async () => {
      clearTimeout(timer);
      await running?.catch(() => undefined);
    });
    app.decorate('learning', { store, refresh, status: () => store.status() });
    done();
  },
  { name: 'learning', fastify: '5.x', dependencies: ['language', 'redis', 'queues'] },
);
