import type { FastifyInstance } from 'fastify';
import type { BimerOp, BimerOpResult } from '../../src/domain/bimer-ops.js';
import type { QaState } from '../../src/flows/plantao/qa-flow.js';
import type { FlowContext } from '../../src/flows/context.js';
import { parseRoster, Roster } from '../../src/roster/roster.js';
import { FlowDriver } from './flow-driver.js';
import { flowContext } from './monitoring.js';
import { PLANTAO_ROSTER } from './plantao-roster.js';

/**
 * A seeded plantão weekend, played through the pure flows (Saturday 21/11 08–18 and Sunday 22/11
 * 08–12, test/helpers/plantao-roster.ts), with QA in the roster: Quitéria (role qa) and Vera (qa,
 * on vacation). Each chat is built so that one QA criterion shows, and the figures are known:
 *
 * | chat | sector      | technician | what happens                                                            |
 * |------|-------------|------------|-------------------------------------------------------------------------|
 * | 101  | implantação | Diego      | 1st answer in 5 min ("vou verificar"); 40 min without the answer promised |
 * | 102  | suporte     | Diego      | the pasted text; gives the hours; closed by Diego                        |
 * | 103  | suporte     | Diego      | the pasted text; closed by Diego without the hours                       |
 * | 104  | suporte     | Diego      | the pasted text; "nao atendemos ligacao"; closed after "resolvido"      |
 * | 105  | partner     | Eva        | "vc nao teve treinamento?"; solved                                       |
 * | 106  | suporte     | —          | Sunday 11:00, nobody answers: end-of-shift notice, left waiting          |
 * | 107  | suporte     | Eva        | "#pendente": handed to Bruno (Ana, the supervisor, on vacation); "ok"    |
 * | 108  | implantação | —          | a reseller's customer, sent to the reseller; "era só isso"               |
 */
export const QA_ROSTER = `${PLANTAO_ROSTER}
  - { name: Diego Rocha, login: diego.rocha, sector: Suporte, role: technician }
  - { name: Eva Martins, login: eva.martins, sector: Partner, role: technician }
  - { name: Quitéria Alves, login: quiteria.qa, role: qa }
  - { name: Vera Nunes, login: vera.qa, role: qa, vacations: [{ from: 2026-11-16, to: 2026-11-27 }] }
`;

export const PASTED = 'Prezado cliente, para agilizarmos o seu atendimento informe o código do cliente e o número de série do equipamento.';

export function qaContext(roster = QA_ROSTER): FlowContext {
  const base = flowContext();
  return { ...base, roster: new Roster(parseRoster(roster), (d, t) => base.calendar.at(d, t)) };
}

const TECHS = { diego: { id: 'ag_1', login: 'diego.rocha', name: 'Diego Rocha' }, eva: { id: 'ag_2', login: 'eva.martins', name: 'Eva Martins' } };

const bimer = (op: BimerOp): BimerOpResult => {
  if (op.op === 'lookupReseller' && op.crmCode === '000888') {
    return { customer: { code: '000888', name: 'Mercado Bom Preço' }, reseller: { name: 'Revenda Sul Sistemas', contact: { name: 'Carlos Souza', phone: '+5551933334444' } } };
  }
  return op.op === 'lookupReseller' ? { customer: null, reseller: null } : { done: true };
};

/** One chat of the weekend: what its contact and technicians write, at local times (-03:00). */
function chat(driver: FlowDriver, number: number, department: string, contactName: string, opts: { partner?: boolean; crmCode?: string } = {}) {
  const chatId = `ch_wk_${number}`;
  const base = { chatId, department, kind: opts.partner ? 'partner' : 'customer', login: null, phone: '+5511988770000' } as const;
  const patch = (agent: (typeof TECHS)[keyof typeof TECHS] | null) => (raw: Record<string, unknown>) => {
    const c = raw.chat as { number: number; agent: unknown; contact: { name: string; crmCode: string | null } };
    c.number = number;
    c.agent = agent;
    c.contact.name = contactName;
    c.contact.crmCode = opts.crmCode ?? null;
  };
  const at = (local: string) => driver.advanceTo(`${local}-03:00`);
  return {
    contact(local: string, text: string) {
      at(local);
      driver.say({ ...base, author: 'contact', text }, patch(null));
    },
    tech(local: string, who: keyof typeof TECHS, text: string) {
      at(local);
      driver.say({ ...base, author: 'agent', text }, patch(TECHS[who]));
    },
    close(local: string, who: keyof typeof TECHS) {
      at(local);
      driver.say({ ...base, type: 'chat.closed' }, patch(TECHS[who]));
    },
  };
}

/** Plays the weekend up to `until` (local time; default Sunday night, before the Monday report). */
export function playWeekend(until = '2026-11-22T23:00:00', ctx = qaContext()): FlowDriver {
  const driver = new FlowDriver(ctx, new Date('2026-11-21T08:30:00-03:00'), bimer);
  const c101 = chat(driver, 101, 'implantacao', 'Rita Farias');
  const c102 = chat(driver, 102, 'suporte', 'Sérgio Lima');
  const c103 = chat(driver, 103, 'suporte', 'Paula Reis');
  const c104 = chat(driver, 104, 'suporte', 'Otávio Dias');
  const c105 = chat(driver, 105, 'partner', 'Léo Técnico', { partner: true });
  const c108 = chat(driver, 108, 'implantacao', 'Marta Gomes', { crmCode: '000888' });
  const c107 = chat(driver, 107, 'suporte', 'Tânia Prado');

  c101.contact('2026-11-21T09:00:00', 'bom dia, o caixa nao fecha');
  c101.tech('2026-11-21T09:05:00', 'diego', 'Bom dia, Rita! Vou verificar o fechamento.');
  c101.contact('2026-11-21T09:10:00', 'e o relatorio de vendas sumiu tambem, consegue ver?');
  // 09:40: the bot's check-in (30 quiet minutes); Diego answers at 09:45, 40 minutes after his "vou verificar".
  c101.tech('2026-11-21T09:45:00', 'diego', 'Rita, ajustei o parâmetro do caixa, pode testar?');
  c101.contact('2026-11-21T09:50:00', 'tudo ok agora, obrigada');
  // 10:10: closed after 20 quiet minutes.

  c102.contact('2026-11-21T10:00:00', 'impressora fiscal nao imprime');
  c102.tech('2026-11-21T10:02:00', 'diego', PASTED.replace('Prezado cliente', 'Olá, Sérgio'));
  c102.contact('2026-11-21T10:05:00', 'codigo 000555, serie 123');
  c102.tech('2026-11-21T10:10:00', 'diego', 'Resolvido. O plantão vai até as 18h; segunda voltamos às 8h.');
  c102.close('2026-11-21T10:12:00', 'diego');

  c103.contact('2026-11-21T10:20:00', 'balanca sem comunicacao');
  c103.tech('2026-11-21T10:21:00', 'diego', PASTED);
  c103.contact('2026-11-21T10:25:00', '000556');
  c103.tech('2026-11-21T10:30:00', 'diego', 'Pronto, reconfigurei a porta.');
  c103.close('2026-11-21T10:31:00', 'diego');

  c104.contact('2026-11-21T11:00:00', 'posso ligar pra vcs?');
  c104.tech('2026-11-21T11:03:00', 'diego', PASTED);
  c104.tech('2026-11-21T11:04:00', 'diego', 'no plantao nao atendemos ligacao, so pelo chat');
  c104.contact('2026-11-21T11:10:00', 'resolvido, valeu');

  c107.contact('2026-11-21T13:00:00', 'o certificado digital venceu');
  c107.tech('2026-11-21T13:04:00', 'eva', 'Vou registrar para a equipe de segunda.');
  c107.tech('2026-11-21T13:05:00', 'eva', '#pendente troca do certificado A1');
  c107.contact('2026-11-21T13:06:00', 'ok, tudo certo, obrigada');

  c108.contact('2026-11-21T14:00:00', 'oi, o sistema travou');
  c108.contact('2026-11-21T14:03:00', 'entendi, obrigada! era so isso');

  c105.contact('2026-11-22T09:00:00', 'cliente com rejeicao 539 na nfce');
  c105.tech('2026-11-22T09:06:00', 'eva', 'vc nao teve treinamento? isso ta no manual');
  c105.contact('2026-11-22T09:20:00', 'resolvido, obrigado');

  const c106 = chat(driver, 106, 'suporte', 'Hugo Brito');
  c106.contact('2026-11-22T11:00:00', 'o pdv parou de emitir cupom');
  // Nobody answers: the check-in at 11:30 and the end-of-shift notice, then the shift ends at 12:00.

  driver.advanceTo(`${until}-03:00`);
  return driver;
}

export function qaState(driver: FlowDriver): QaState {
  return driver.state('ops:qa') as QaState;
}

/** Writes the seeded weekend's `ops:qa` state (as of after the Monday report) into the app's Redis. */
export async function seedWeekend(app: FastifyInstance): Promise<void> {
  const state = qaState(playWeekend('2026-11-23T09:00:00'));
  // The state and its version (kept beside it: the store's scripts compare that).
  await app.redis.request.mset(app.redis.keys.state('ops:qa'), JSON.stringify(state), app.redis.keys.stateVersion('ops:qa'), String(state.version));
}
