import { wellFormedDeep } from './text.js';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** A YAML file that failed to parse or to validate, with the line of the first problem. */
export class YamlError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

/** Parses YAML and validates it with a zod schema; the first problem is reported with its line. */
export function parseYaml<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new YamlError(`line ${line}: ${yamlError.message.split('\n')[0]}`, line);
  }
  // Made well-formed where it enters (a YAML escape can write half an emoji).
  const result = schema.safeParse(wellFormedDeep(doc.toJS() ?? undefined));
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const path = issue.path as (string | number)[];
  let line: number | null = null;
  for (let depth = path.length; depth >= 0 && line === null; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) line = lineCounter.linePos(node.range[0]).line;
  }
  const where = path.map(String).join('.') || '(root)';
  throw new YamlError(`${line ? `line ${line}: ` : ''}${where} ${issue.message}`, line);
}
