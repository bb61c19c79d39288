import { z } from 'zod';
import { parseYaml } from '../util/yaml.js';

/** The agents' knowledge base (kb/faq.yaml): editable by a support lead, validated at start. */

export const ACTIONS = ['create_2266'] as const;

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  question: z.string().min(5),
  answer: z.string().min(10),
  phrasings: z.array(z.string().min(3)).default([]),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  action: z.enum(ACTIONS).optional(),
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
  });

export type KbEntry = z.infer<typeof entrySchema>;

export function parseKnowledgeBase(text: string): KbEntry[] {
  return parseYaml(text, knowledgeBaseSchema);
}
