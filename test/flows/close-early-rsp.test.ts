import { describe, expect, it } from 'vitest';
import { karooEventSchema } from '../../src/intake/karoo-event-schema.js';
import { handleStreamItem, initialState, streamOf, type StreamState } from '../../src/flows/router.js';
import type { Effect } from '../../src/domain/effects.js';
import type { StreamItem } from '../../src/domain/stream.js';
import { withoutRsp } from '../../src/flows/dialogs/close.js';
import { makeEvent } from '../helpers/build.js';
import { flowContext } from '../helpers/monitoring.js';

/** An agent who gives the RSP before the bot asked for it: with the close, with the parecer, or while Bimer is asked. */
const now = new Date('2026-11-23T10:00:00-03:00');
const say = (text: string) => ({ kind: 'karoo' as const, event: karooEventSchema.parse(makeEvent({ chatId: 'ch_agent_joao', text })) });
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
const bimerOps = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'bimer' ? [e.op] : []));
const texts = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'karoo.sendMessage' || e.type === 'karoo.proactive' ? [e.text] : [])).join(' ');

/** Plays the agent's messages, Bimer finding the customer as soon as it is asked; returns the last step, what the bot said and the parecer kept. */
function play(messages: string[]) {
  const ctx = flowContext();
  const run = (state: StreamState, item: StreamItem) => handleStreamItem(state, item, now, ctx);
  const asked: string[] = [];
  let state = initialState(streamOf(say(messages[0]!).event));
  let step = { state, effects: [] as Effect[] };
  for (const text of messages) {
    step = run(state, say(text));
    asked.push(texts(step.effects));
    if (bimerOps(step.effects).some((op) => op.op === 'lookupClose')) {
      step = run(step.state, found);
      asked.push(texts(step.effects));
    }
    state = step.state;
  }
  const dialog = step.state.kind === 'agent' ? step.state.dialog : null;
  const parecer = dialog && 'draft' in dialog ? dialog.draft.parecer : null;
  return { step, asked: asked.join(' | '), parecer };
}

describe('closing an implantation, RSP sent ahead', () => {
  it('keeps the protocol sent while Bimer is asked, and checks it as soon as the customer is found', () => {
    const ctx = flowContext();
    const first = say('finalizei a implantação do cliente 123. Parecer: cliente satisfeito');
    const run = (state: StreamState, item: StreamItem) => handleStreamItem(state, item, now, ctx);
    let step = run(initialState(streamOf(first.event)), first);
    expect(bimerOps(step.effects)[0]).toMatchObject({ op: 'lookupClose', customerCode: '000123' });
    step = run(step.state, say('o RSP é 2026110900017'));
    expect(texts(step.effects)).toContain('Anotei o RSP 2026110900017');
    step = run(step.state, found);
    expect(bimerOps(step.effects)).toEqual([{ op: 'findTicketByProtocol', customerCode: '000123', protocolo: '2026110900017' }]);
    expect(texts(step.effects)).toContain('Conferindo o RSP 2026110900017');
    expect(texts(step.effects)).not.toMatch(/qual é o protocolo/i);
  });

  // Found in the sandbox: "terminei a implantacao …, cod 000123, rsp 2026…" got the parecer question, then "qual é o protocolo do RSP?".
  it.each([
    { case: 'in the close, parecer asked after', messages: ['oi, terminei a implantacao da padaria, cod 000123, rsp 2026110900017', 'cliente gostou bastante, ficou com duvida no caixa mas expliquei'], parecer: 'cliente gostou bastante, ficou com duvida no caixa mas expliquei' },
    { case: 'in the close, with the parecer', messages: ['finalizei implantação cliente 123 rsp 2026 11 09 00017 parecer: cliente satisfeito, teve duvidas'], parecer: 'cliente satisfeito, teve duvidas' },
    { case: 'after "parecer:", inside it', messages: ['finalizei implantação cliente 123. Parecer: cliente satisfeito, o rsp é 2026110900017'], parecer: 'cliente satisfeito' },
    { case: 'in the parecer answer', messages: ['terminei a implantação do cliente 123', 'cliente satisfeito e sem duvidas. rsp 2026110900017'], parecer: 'cliente satisfeito e sem duvidas.' },
    { case: 'in the parecer answer, the protocol first', messages: ['terminei a implantação do cliente 123', 'prot do rsp: 2026110900017 - cliente gostou do pdv'], parecer: 'cliente gostou do pdv' },
    { case: 'with the close, the code asked after', messages: ['acabei a implantação, rsp 2026110900017', '123', 'cliente satisfeito'], parecer: 'cliente satisfeito' },
    // Found by an outside tester (2026-12-07): the 2266 read "P: cliente gostou muito, protocolo do".
    { case: 'in the close after the parecer, with its label', messages: ['finalizei a implantação do cliente 123, cliente gostou muito, protocolo do RSP 2026110900017'], parecer: 'cliente gostou muito' },
  ])('an RSP $case is checked, not asked for again', ({ messages, parecer }) => {
    const r = play(messages);
    expect(bimerOps(r.step.effects)).toEqual([{ op: 'findTicketByProtocol', customerCode: '000123', protocolo: '2026110900017' }]);
    expect(r.asked).not.toMatch(/qual é o protocolo|E o RSP/i);
    expect(r.parecer).toBe(parecer);
  });

  it('an RSP given where the parecer was asked is noted, and the parecer asked again', () => {
    const r = play(['terminei a implantação do cliente 123', '2026110900017']);
    expect(bimerOps(r.step.effects)).toEqual([]);
    expect(texts(r.step.effects)).toMatch(/Anotei o RSP 2026110900017.*parecer/);
    const ctx = flowContext();
    const next = handleStreamItem(r.step.state, say('cliente satisfeito'), now, ctx);
    expect(bimerOps(next.effects)).toEqual([{ op: 'findTicketByProtocol', customerCode: '000123', protocolo: '2026110900017' }]);
  });

  it.each([
    ['cliente satisfeito, rsp 2026110900017', 'cliente satisfeito'],
    ['o rsp é 2026110900017, cliente gostou bastante', 'cliente gostou bastante'],
    ['satisfeito com o sistema e o protocolo do rsp é 2026.11.09.00017', 'satisfeito com o sistema'],
    ['ficou com duvida no caixa mas expliquei, prot 2026110900017.', 'ficou com duvida no caixa mas expliquei'],
  ])('the parecer %j without its RSP is %j', (text, parecer) => {
    expect(withoutRsp(text, '2026110900017')).toBe(parecer);
  });
});
