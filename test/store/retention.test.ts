import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentState } from '../../src/flows/agent-state.js';
import type { QaState } from '../../src/flows/plantao/qa-flow.js';
import { makeEvent } from '../helpers/build.js';
import { Harness } from '../helpers/harness.js';
import { seed } from '../helpers/painel-seed.js';
import { PLANTAO_ROSTER } from '../helpers/plantao-roster.js';
import { seedWeekend } from '../helpers/plantao-seed.js';

/** The retention sweep on the injected clock (issue 15): what leaves Redis RETENTION_DAYS later, and what stays. */

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const state = async <T>(stream: string): Promise<T | null> => {
  const raw = await h.app.redis.request.get(h.app.redis.keys.state(stream));
  return raw ? (JSON.parse(raw) as T) : null;
};

describe('the retention sweep', () => {
  it('forgets quiet chats, finished cycles, old plantão shifts, stale owners and old FAQ questions; keeps what is recent or still running', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'retention-')), 'escala.yaml');
    writeFileSync(file, PLANTAO_ROSTER);
    h = await new Harness('2026-11-21T10:00:00-03:00', { ROSTER_FILE: file, RETENTION_DAYS: '90' }).start();
    await h.chatSays('ch_old', 'bom dia, o caixa nao fecha', { department: 'suporte' });
    await h.post(makeEvent({ chatId: 'ch_old', type: 'chat.closed', department: 'suporte', kind: 'customer', login: null }));
    await h.idle();
    h.clock.set(new Date('2026-11-26T10:00:00-03:00'));
    await seed(h.app);
    await seedWeekend(h.app);
    await h.app.redis.request.set(h.app.redis.keys.owner('000999'), 'agent:ana.souza'); // a monitoring long gone
    await h.app.redis.request.set(h.app.redis.keys.owner('000654'), 'agent:ana.souza'); // Posto Estrela: still running
    await h.agentSays('qual a cor favorita do gerente de vendas de marte?'); // a question the FAQ cannot answer
    expect(await h.app.redis.request.llen(h.app.redis.keys.list('faq-unanswered'))).toBe(1);

    // A month later: nothing is old enough.
    h.clock.set(new Date('2026-12-26T10:00:00-03:00'));
    await h.chatSays('ch_recent', 'oi, tudo bem?', { department: 'suporte' });
    // An owner entry with no monitoring behind it is of no use at any age.
    expect(await h.app.retention.sweep()).toMatchObject({ chats: 0, streamsNotified: 0, owners: 1, faqQuestions: 0 });
    expect(await state('chat:ch_old')).not.toBeNull();
    expect(await h.app.redis.request.get(h.app.redis.keys.owner('000999'))).toBeNull();

    // 92 days after the question, 96 after the weekend.
    h.clock.set(new Date('2027-02-26T12:00:00-03:00'));
    const first = await h.app.retention.sweep();
    await h.idle();
    expect(first).toMatchObject({ chats: 1, streamsNotified: 2, owners: 0, faqQuestions: 1 });
    expect(await state('chat:ch_old')).toBeNull();
    expect(await state('chat:ch_recent')).not.toBeNull(); // quiet for 62 days only
    const ana = await state<AgentState>('agent:ana.souza');
    expect(Object.values(ana?.monitorings ?? {}).map((m) => m.customer.code).sort()).toEqual(['000654', '000789']); // the finished 000321 is gone
    expect(await state<QaState>('ops:qa')).toMatchObject({ shifts: {}, reports: {} });
    expect(await h.app.redis.request.get(h.app.redis.keys.owner('000654'))).toBe('agent:ana.souza');
    expect(await h.app.redis.request.llen(h.app.redis.keys.list('faq-unanswered'))).toBe(0);

    // Swept again: nothing left to do.
    expect(await h.app.retention.sweep()).toMatchObject({ chats: 0, streamsNotified: 0, owners: 0, faqQuestions: 0 });
  });
});
