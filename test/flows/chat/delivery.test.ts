import { describe, expect, it } from 'vitest';
import { karooEventSchema } from '../../../src/intake/karoo-event-schema.js';
import type { ChatState } from '../../../src/flows/chat/state.js';
import { handleStreamItem, initialState, type StreamState } from '../../../src/flows/router.js';
import type { StreamItem } from '../../../src/domain/stream.js';
import { makeEvent } from '../../helpers/build.js';
import { flowContext } from '../../helpers/monitoring.js';

/** Karoo's delivery reports in a chat (src/flows/chat/delivery.ts): kept per message, passed to the monitoring's owner, even when they came before the link. */
const CHAT = 'ch_fu_2';
const now = new Date('2026-11-30T08:00:05-03:00');
let seq = 0;
const status = (messageId: string, state: string, code: string | null = null): StreamItem => {
  const raw = makeEvent({ id: `evt_st_${++seq}`, type: 'message.status', chatId: CHAT, department: 'implantacao', kind: 'customer', login: null });
  raw.status = { messageId, state, error: code ? { code, message: 'x' } : null };
  return { kind: 'karoo', event: karooEventSchema.parse(raw) };
};
const link: StreamItem = {
  kind: 'internal',
  event: { id: 'fw|link', type: 'forward', name: 'monitoring.link', data: { monitoringId: 'mon1', agentStream: 'agent:joao.silva', agentName: 'João Silva', customerName: 'Padaria', sentAt: '2026-11-30T08:00:00-03:00' } },
};
const run = (items: StreamItem[]) => {
  let state: StreamState = initialState(`chat:${CHAT}`);
  const told: unknown[] = [];
  for (const item of items) {
    const r = handleStreamItem(state, item, now, flowContext());
    state = r.state;
    told.push(...r.effects.flatMap((e) => (e.type === 'forward' && e.name === 'followup.status' ? [e.data] : [])));
  }
  return { chat: state as ChatState, told };
};

describe('chat dialog: delivery reports', () => {
  it('keeps the furthest state per message; a late or repeated report changes nothing and tells nobody', () => {
    const { chat, told } = run([link, status('msg_1', 'delivered'), status('msg_1', 'sent'), status('msg_1', 'delivered'), status('msg_2', 'failed', 'blocked')]);
    expect(chat.deliveries).toMatchObject({ msg_1: { state: 'delivered', error: null }, msg_2: { state: 'failed', error: 'blocked' } });
    expect(told).toEqual([
      { monitoringId: 'mon1', messageId: 'msg_1', state: 'delivered', error: null },
      { monitoringId: 'mon1', messageId: 'msg_2', state: 'failed', error: 'blocked' },
    ]);
  });

  it('a report that came before the link is passed to the owner when the link arrives', () => {
    const { told } = run([status('msg_1', 'failed', 'not_on_whatsapp'), link]);
    expect(told).toEqual([{ monitoringId: 'mon1', messageId: 'msg_1', state: 'failed', error: 'not_on_whatsapp' }]);
  });

  it('an unknown error code reads as undeliverable; a status without its block is refused by the schema', () => {
    const { chat } = run([status('msg_9', 'failed', 'some_new_code')]);
    expect(chat.deliveries?.msg_9?.error).toBe('undeliverable');
    const raw = makeEvent({ type: 'message.status', chatId: CHAT, department: 'implantacao', kind: 'customer' });
    expect(karooEventSchema.safeParse(raw).success).toBe(false);
  });
});
