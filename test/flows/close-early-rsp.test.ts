import { describe, expect, it } from 'vitest';
import { karooEventSchema } from '../../src/intake/karoo-event-schema.js';
import { handleStreamItem, initialState, streamOf, type StreamState } from '../../src/flows/router.js';
import type { Effect } from '../../src/domain/effects.js';
import type { StreamItem } from '../../src/domain/stream.js';
import { makeEvent } from '../helpers/build.js';
import { flowContext } from '../helpers/monitoring.js';

/** An agent who sends the RSP before the bot asked for it (while Bimer is still being asked). */
describe('closing an implantation, RSP sent ahead', () => {
  it('keeps the protocol and checks it as soon as the customer is found, without asking again', () => {
    const ctx = flowContext();
    const now = new Date('2026-11-23T10:00:00-03:00');
    const say = (text: string) => ({ kind: 'karoo' as const, event: karooEventSchema.parse(makeEvent({ chatId: 'ch_agent_joao', text })) });
    const first = say('finalizei a implantação do cliente 123. Parecer: cliente satisfeito');
    const stream = streamOf(first.event);
    const run = (state: StreamState, item: StreamItem) => handleStreamItem(state, item, now, ctx);

    let step = run(initialState(stream), first);
    const lookup = step.effects.find((e): e is Extract<Effect, { type: 'bimer' }> => e.type === 'bimer');
    expect(lookup?.op).toMatchObject({ op: 'lookupClose', customerCode: '000123' });

    step = run(step.state, say('o RSP é 2026110900017'));
    const texts = step.effects.flatMap((e) => (e.type === 'karoo.sendMessage' ? [e.text] : []));
    expect(texts.join(' ')).toContain('Anotei o RSP 2026110900017');

    const found = {
      kind: 'internal' as const,
      event: {
        id: 'res|lookup',
        type: 'effect.result' as const,
        name: 'close.lookup',
        data: {
          ok: true,
          result: {
            found: true,
            customer: { id: '00A0000SQ4', code: '000123', name: 'Padaria Pão Quente', phone: '+5521999990000', sellerId: null, resellerId: null },
            agent: { id: '00A00000J1', login: 'joao.silva', name: 'João Silva', supervisorId: '00A00000S1' },
          },
          context: { code: '000123' },
        },
      },
    };
    step = run(step.state, found);
    const check = step.effects.find((e): e is Extract<Effect, { type: 'bimer' }> => e.type === 'bimer');
    expect(check?.op).toEqual({ op: 'findTicketByProtocol', customerCode: '000123', protocolo: '2026110900017' });
    const said = step.effects.flatMap((e) => (e.type === 'karoo.sendMessage' || e.type === 'karoo.proactive' ? [e.text] : [])).join(' ');
    expect(said).toContain('Conferindo o RSP 2026110900017');
    expect(said).not.toMatch(/qual é o protocolo/i);
  });
});
