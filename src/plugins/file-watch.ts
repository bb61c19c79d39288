import type { FastifyInstance } from 'fastify';

/** A file the bot reloads when it changes (the knowledge base, the roster): watched while the app runs. */
export function watchWhileRunning(app: FastifyInstance, source: { watch(): void; close(): void }): void {
  app.addHook('onReady', (done) => {
    source.watch();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    source.close();
    done();
  });
}
