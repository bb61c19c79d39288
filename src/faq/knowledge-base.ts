import { z } from 'zod';
import { parseYaml } from '../util/yaml.js';

/** The agents' knowledge base (kb/faq.yaml): editable by a support lead, validated at start. */

export const ACTIONS = ['create_2266'] as const;

const idSchema = z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes');

const entrySchema = z.object({
  id: idSchema,
  question: z.string().min(5),
  answer: z.string().min(10),
  phrasings: z.array(z.string().min(3)).default([]),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  action: z.enum(ACTIONS).optional(),
  /**
   * Entries merged into this one (their answers said the same thing): labelled data, teachings and
   * links that name them mean this entry.
   */
  replaces: z.array(idSchema).default([]),
});

export const knowledgeBaseSchema = z
  .array(entrySchema)
  .min(1, 'must have at least one entry')
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `repeats the id "${e.id}"` });
      seen.add(e.id);
    });
    const replaced = new Set<string>();
    entries.forEach((e, i) =>
      e.replaces.forEach((old, j) => {
        if (seen.has(old)) ctx.addIssue({ code: 'custom', path: [i, 'replaces', j], message: `replaces "${old}", which is still an entry` });
        else if (replaced.has(old)) ctx.addIssue({ code: 'custom', path: [i, 'replaces', j], message: `"${old}" is replaced twice` });
        replaced.add(old);
      }),
    );
  });

export type KbEntry = z.infer<typeof entrySchema>;

/** Every id a label may name, the replaced ones too, and the entry it means now. */
export type FaqLabels = ReadonlyMap<string, string>;

export function faqLabelsOf(entries: readonly Pick<KbEntry, 'id' | 'replaces'>[]): FaqLabels {
  return new Map(entries.flatMap((e) => [[e.id, e.id] as const, ...e.replaces.map((old) => [old, e.id] as const)]));
}

export function parseKnowledgeBase(text: string): KbEntry[] {
  return parseYaml(text, knowledgeBaseSchema);
}
