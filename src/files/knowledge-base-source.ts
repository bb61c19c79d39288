import type { Logger } from 'pino';
import { parseKnowledgeBase, type KbEntry } from '../faq/knowledge-base.js';
import { YamlFileSource } from './yaml-file-source.js';

/** `kb/faq.yaml` (`FAQ_FILE`), reloaded when it changes. */
export class KnowledgeBaseSource extends YamlFileSource<KbEntry[]> {
  constructor(path: string, logger: Logger) {
    super(path, 'knowledge base', parseKnowledgeBase, [], (d) => ({ entries: d.length }), logger);
  }
}
