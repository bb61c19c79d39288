import type { BimerOp, BimerOpResult } from '../../src/domain/bimer-ops.js';
import type { TicketDraft } from '../../src/domain/ticket-draft.js';
import type { Effect } from '../../src/domain/effects.js';
import type { FlowContext } from '../../src/flows/context.js';
import { FlowDriver } from './flow-driver.js';
import { flowContext } from './monitoring.js';

/**
 * A monitoring played as pure functions (test/helpers/flow-driver.ts), from João's implantation
 * close of Padaria Pão Quente (000123) on: Bimer answered from memory, the customer's chat (one
 * per phone, as on WhatsApp), and what reaches the customer and João.
 */

export const PHONE = '+5521999990001';
export const OTHER_PHONE = '+5521988880002';
export const CHAT = 'ch_wa_5521999990001';
const customer = { id: 'P1', code: '000123', name: 'Padaria Pão Quente', phone: PHONE, sellerId: 'U9', resellerId: null };
/** João's second customer, for the stories with two monitorings at once. */
const secondCustomer = { id: 'P2', code: '000456', name: 'Mercado Boa Vista', phone: OTHER_PHONE, sellerId: 'U9', resellerId: null };
/** A customer Bimer gives no salesperson (the week-1 rule has nobody to hand the 2266 to). */
const noSellerCustomer = { id: 'P3', code: '000789', name: 'Loja Sem Vendedor', phone: PHONE, sellerId: null, resellerId: null };
const agent = { id: 'U1', login: 'joao.silva', name: 'João Silva', supervisorId: 'U2' };

export function monitoringStory(start: string, ctx: FlowContext = flowContext(), phones: { phone: string | null; others?: string[] } = { phone: PHONE }) {
  const tickets: TicketDraft[] = [];
  const asked: BimerOp[] = [];
  const bimer = (op: BimerOp): BimerOpResult => {
    asked.push(op);
    switch (op.op) {
      case 'lookupClose':
        return { found: true, customer: [secondCustomer, noSellerCustomer].find((c) => Number(c.code) === Number(op.customerCode)) ?? customer, agent };
      case 'createTicket':
        tickets.push(op.ticket);
        return { found: true, ticket: { id: `T${tickets.length}`, protocolo: `20261123${String(tickets.length).padStart(5, '0')}` } };
      case 'findTicketByProtocol':
        // A protocol ending in 0404 is one Bimer does not know (a typo of the agent's).
        // One ending in 0030 is another implantation's RSP (type 000030), in 0002 a 000002; any other, of a type Bimer did not say.
        if (op.protocolo.endsWith('0404')) return { found: false };
        return { found: true, ticket: { id: 'TRSP', protocolo: op.protocolo, ...(op.protocolo.endsWith('0030') ? { typeCode: '000030' } : op.protocolo.endsWith('0002') ? { typeCode: '000002' } : {}) } };
      case 'customerPhones':
        return { found: true, phones };
      case 'lookupReseller':
        return { customer: { code: customer.code, name: customer.name }, reseller: null };
      case 'recentTickets':
        return { customer: null, tickets: [] };
      case 'getUser':
        // The salesperson (U9) has a Karoo login; anyone else is unknown.
        return op.userId === 'U9' ? { found: true, user: { id: 'U9', login: 'pedro.vendas', name: 'Pedro Alves', supervisorId: null } } : { found: false };
      default:
        return { done: true };
    }
  };
  const driver = new FlowDriver(ctx, new Date(start), bimer);
  const at = (local: string) => driver.advanceTo(`${local}-03:00`);
  const agentSays = (text: string) => driver.say({ chatId: 'ch_bot_joao', text });
  const customerSays = (text: string) => driver.say({ chatId: CHAT, department: 'implantacao', kind: 'customer', login: null, phone: PHONE, text });
  const toChat = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === CHAT ? [e.text] : []));
  const toAgent = (effects: Effect[]) =>
    effects.flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to && e.to.login === 'joao.silva' ? [e.text] : e.type === 'karoo.sendMessage' && e.chatId === 'ch_bot_joao' ? [e.text] : []));
  const toLogin = (login: string, effects: Effect[]) => effects.flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to && e.to.login === login ? [e.text] : []));
  const toPhone = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'karoo.proactive' }> => e.type === 'karoo.proactive' && 'phone' in e.to);
  /** João closes the implantation (parecer and RSP in one go). */
  const close = () => {
    agentSays('finalizei a implantação do cliente 123. Parecer: Cliente satisfeito e teve algumas dúvidas.');
    agentSays('2026110900017');
  };
  return { driver, tickets, asked, at, agentSays, customerSays, toChat, toAgent, toLogin, toPhone, close };
}
