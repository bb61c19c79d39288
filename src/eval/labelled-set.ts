import { readFileSync } from 'node:fs';

/** A labelled set: one `label<TAB>text` per line; blank lines and `#` comments skipped. */
export function readLabelledSet(path: string): { label: string; text: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [label, ...rest] = line.split('\t');
      return { label: label as string, text: rest.join('\t') };
    });
}
