import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The walls between the layers are ESLint rules (eslint.config.js), so `npm test` fails when one
 * is crossed. Each row lints a line as if it were written in that file: the rule must fire where
 * the wall is, and stay quiet where the import is allowed.
 */
const eslint = new ESLint();
const rows: { file: string; code: string; blocked: boolean }[] = [
  { file: 'src/flows/agent-flow.ts', code: "import type { NewTicket } from '../bimer-client/types.js';", blocked: true },
  { file: 'src/flows/monitoring/cycle.ts', code: "import type { KarooApi } from '../../karoo-client/karoo-client.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { Redis } from 'ioredis';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { Timers } from '../scheduler/timers.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { KarooEvent } from '../domain/karoo-event.js';", blocked: false },
  { file: 'src/flows/router.ts', code: "import { fold } from '../util/text.js';", blocked: false },
  { file: 'src/domain/bimer-ops.ts', code: "import { fold } from '../util/text.js';", blocked: true },
  { file: 'src/domain/bimer-ops.ts', code: "import type { TicketDraft } from './ticket-draft.js';", blocked: false },
  { file: 'src/bimer-client/operations.ts', code: "import type { KarooApi } from '../karoo-client/karoo-client.js';", blocked: true },
  { file: 'src/karoo-client/karoo-client.ts', code: "import type { BimerApi } from '../bimer-client/types.js';", blocked: true },
  { file: 'src/karoo-client/karoo-client.ts', code: "import type { ProactiveRecipient } from '../domain/recipient.js';", blocked: false },
];

describe('the walls between layers', () => {
  it.each(rows)('$file: $code → blocked $blocked', async ({ file, code, blocked }) => {
    const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: file });
    const restricted = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    expect(restricted.length > 0).toBe(blocked);
  });
});
