import { describe, expect, it } from 'vitest';
import type { ChatState } from '../../../src/flows/chat/state.js';
import type { Effect } from '../../../src/domain/effects.js';
import { noReseller, playChat, type ChatTable } from '../../helpers/chat-table.js';
import { FlowDriver } from '../../helpers/flow-driver.js';
import { plantaoContext } from '../../helpers/plantao-roster.js';

/**
 * The plantão shift on a chat (src/flows/chat/shift.ts), one table per chat: idle check-ins, the
 * end-of-shift notice, closing after "tudo ok" or "resolvido" with the hours, and never closing on
 * an "all fine" the same message takes back.
 */
const chats: Record<string, ChatTable> = {

  // Found by an outside tester (2026-12-07): the partner's "ok" to an instruction was asked "posso encerrar?", the next "ok"
  // closed the chat; and "por enquanto resolvido…, se der ruim eu volto" after the question closed it 2 minutes later.
  'a partner\'s "ok" to the technician\'s instruction asks nothing; unsure again after the question, the chat stays open': {
    department: 'suporte',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'bom dia, o tef do cliente nao conecta, da erro de comunicacao com o sitef' },
      { at: '2026-11-21T10:02:00', technician: 'Rafael, reinicia o servico do sitef e testa' },
      { at: '2026-11-21T10:05:00', contact: 'ok' },
      { at: '2026-11-21T10:08:00', contact: 'ok', sends: [['encerrar']] },
      { at: '2026-11-21T10:09:00', contact: 'por enquanto resolvido, o cliente vai testar daqui a pouco e se der ruim eu volto aqui' },
      { at: '2026-11-21T10:29:00', sends: [['Maria']], lacks: ['resolvido então', 'encerr', 'finaliz'] },
      { at: '2026-11-21T11:30:00' },
    ],
  },
  // Found by an outside tester (2026-12-07): a partner's "não" to "posso encerrar?" got, 20 minutes later, "sua mensagem está com a equipe".
  'a partner\'s bare "não" to "posso encerrar?": told the chat stays open and how to end it; the next check-in asks how it went': {
    department: 'suporte',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'oi, cliente meu com rejeicao 539 na nfce' },
      { at: '2026-11-21T10:02:00', technician: 'confere a serie da nota no cadastro' },
      { at: '2026-11-21T10:12:00', contact: 'tudo ok por enquanto', sends: [['encerrar']] },
      { at: '2026-11-21T10:13:00', contact: 'nao', sends: [['encerr']], lacks: ['com a equipe', 'pedido', 'não esquecemos'] },
      { at: '2026-11-21T10:43:00', sends: [['Maria']], lacks: ['com a equipe', 'Ainda estamos com o seu pedido', 'não esquecemos', 'na fila'] },
    ],
  },
  'an implantation customer still testing keeps the chat open; their "funcionou" later closes it after the quiet while': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'oi, o caixa nao abre' },
      { at: '2026-11-21T10:02:00', technician: 'Maria, reinicia o servico do pdv' },
      { at: '2026-11-21T10:12:00', contact: 'tudo ok por enquanto', sends: [['encerrar']] },
      { at: '2026-11-21T10:13:00', contact: 'nao, ainda to testando aqui', sends: [['encerr']] },
      { at: '2026-11-21T10:40:00', contact: 'funcionou, obrigada' },
      { at: '2026-11-21T11:05:00', sends: [['18:00']], closes: true },
    ],
  },
  'a "não" to "posso encerrar?" that tells a new problem waits for the technician, with no "não encerro"': {
    department: 'suporte',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'oi, cliente meu com rejeicao 539 na nfce' },
      { at: '2026-11-21T10:02:00', technician: 'confere a serie da nota no cadastro' },
      { at: '2026-11-21T10:12:00', contact: 'tudo ok por enquanto', sends: [['encerrar']] },
      { at: '2026-11-21T10:13:00', contact: 'nao, deu outro erro agora, rejeicao 204' },
      { at: '2026-11-21T10:43:00', sends: [['plantão']] },
    ],
  },
  'implantation, holiday: check-ins at 30, 60 and 90 idle minutes, re-armed by the customer and the technician': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-20T10:00:00', contact: 'Bom dia, estou com dúvida no fechamento de caixa' },
      { at: '2026-11-20T10:29:00' },
      { at: '2026-11-20T10:30:00', sends: [['Maria']] },
      { at: '2026-11-20T11:00:00', sends: [[]] },
      { at: '2026-11-20T11:30:00', sends: [[]], contact: 'ainda estou aqui, verificando' },
      { at: '2026-11-20T11:45:00', technician: 'Vou conferir o relatório' },
      { at: '2026-11-20T12:00:00' },
      { at: '2026-11-20T12:15:00', sends: [[]] },
    ],
  },
  // Found by an outside tester: a quiet Suporte customer got a check-in every 30 minutes, 14 in a day.
  'support (not implantation): one check-in per silence; the next after the customer writes again': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'bom dia, como emito a segunda via do boleto?' },
      { at: '2026-11-21T10:02:00', technician: 'Maria, no menu financeiro > boletos > reimprimir' },
      { at: '2026-11-21T10:32:00', sends: [['Maria']] },
      { at: '2026-11-21T12:00:00' },
      { at: '2026-11-21T12:05:00', contact: 'consegui, e o do mes passado?' },
      { at: '2026-11-21T12:35:00', sends: [[]] },
      { at: '2026-11-21T14:00:00' },
    ],
  },
  // Found by an outside tester: "Maria, está tudo certo? Deseja algo mais?" to a customer whose problem nobody had answered yet.
  'implantation: a problem nobody has answered yet gets no "tudo certo?", but word that the plantão has it; after a technician, the usual check-in': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o pdv ta travando toda hora 😭' },
      { at: '2026-11-21T10:30:00', sends: [['plantão', 'algo mais']], lacks: ['tudo certo', 'tudo bem', 'conseguiu'] },
      { at: '2026-11-21T10:35:00', technician: 'Maria, fecha o pdv e abre de novo pelo atalho da área de trabalho' },
      { at: '2026-11-21T11:05:00', sends: [['Maria']], lacks: ['com a equipe do plantão', 'já te respondemos', 'não esquecemos'] },
    ],
  },
  // Found by an outside tester: "aqui é o Jorge" written from Maria Souza's WhatsApp, and the bot kept greeting Maria.
  'a person who says who they are on someone else\'s WhatsApp is greeted by their name for that conversation, not the next day': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'bom dia, aqui é o jorge, filho da dona maria. o pdv ta travando toda hora' },
      { at: '2026-11-21T10:30:00', sends: [['Jorge']], lacks: ['Maria'] },
      { at: '2026-11-21T10:35:00', technician: 'Jorge, fecha o pdv e abre de novo' },
      { at: '2026-11-21T11:05:00', sends: [['Jorge']], lacks: ['Maria'] },
      { at: '2026-11-21T11:10:00', contact: 'resolveu, obrigado' },
      // Closed after a moment (a second message in a burst would cancel it).
      { at: '2026-11-21T11:12:00', sends: [['Jorge']], lacks: ['Maria'], closes: true },
      { at: '2026-11-22T09:00:00', contact: 'oi, o pdv travou de novo' },
      { at: '2026-11-22T09:30:00', sends: [['Maria']], lacks: ['Jorge'] },
    ],
  },
  // Found by an outside tester: "vou verificar, um momento" → "ok" got "posso encerrar?", and the chat was closed 20 minutes
  // later though the technician had asked for a photo meanwhile.
  'a bare "ok" to the technician\'s "vou verificar" asks nothing about closing; the technician\'s question keeps the chat open': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T11:36:00', contact: 'o leitor de código de barras não lê' },
      { at: '2026-11-21T11:38:00', technician: 'vou verificar, um momento' },
      { at: '2026-11-21T11:39:00', contact: 'ok' },
      { at: '2026-11-21T11:41:00', technician: 'me manda uma foto do leitor e do cabo USB, por favor?' },
      { at: '2026-11-21T12:05:00' },
      { at: '2026-11-21T12:11:00', sends: [['Maria']], lacks: ['encerr'] },
    ],
  },
  'an unclear "ok" asked about, then the technician writes: no close on the quiet while': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T11:36:00', contact: 'o leitor de código de barras não lê' },
      { at: '2026-11-21T11:45:00', technician: 'Reconfigurei o leitor pelo acesso remoto.' },
      { at: '2026-11-21T11:50:00', contact: 'ok', sends: [['encerrar']] },
      { at: '2026-11-21T11:52:00', technician: 'Maria, o leitor acende quando você aperta o gatilho?' },
      { at: '2026-11-21T12:15:00' },
      { at: '2026-11-21T12:22:00', sends: [['Maria']], lacks: ['encerr'] },
    ],
  },
  'implantation, Saturday: one end-of-shift notice 30 minutes before the end, with the next working period': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T17:00:00', contact: 'oi, preciso de ajuda com o estoque' },
      { at: '2026-11-21T17:01:00', technician: 'Claro, vamos ver' },
      { at: '2026-11-21T17:29:00' },
      { at: '2026-11-21T17:30:00', sends: [['ainda temos 30 minutos para', '18:00', 'segunda-feira, 23/11 às 08:00']] },
      // Found by an outside tester: a "tudo certo?" at 17:31, right after the notice had told the hours. The notice says it all.
      { at: '2026-11-21T17:59:00' },
    ],
  },
  'implantation: "tudo ok" closes after 20 quiet minutes, with the hours': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'Tudo certo agora, era só isso, obrigada!' },
      { at: '2026-11-21T14:19:00' },
      { at: '2026-11-21T14:20:00', sends: [['18:00', 'segunda-feira, 23/11 às 08:00']], closes: true },
    ],
  },
  'implantation: a new message after "tudo ok" cancels the close; an idle check-in instead': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'td ok, obrigado' },
      { at: '2026-11-21T14:10:00', contact: 'ah, só mais uma coisa: como reimprimo o cupom?' },
      { at: '2026-11-21T14:30:00' },
      { at: '2026-11-21T14:40:00', sends: [['?']] },
    ],
  },
  'implantation: "tudo certo, mas…" is no "all fine": a check-in after 30 minutes, never a close': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'tudo certo, mas a nota ainda nao sai' },
      { at: '2026-11-21T14:20:00' },
      { at: '2026-11-21T14:30:00', sends: [['?']] },
    ],
  },
  'implantation: a problem that came back is no "all fine"': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'ok obrigada, mas voltou a travar o pdv de novo' },
      { at: '2026-11-21T14:20:00' },
      { at: '2026-11-21T14:30:00', sends: [['?']] },
    ],
  },
  'implantation: an unsure "all fine" ("ok") is asked once ("posso encerrar?"), never closed on at once; the next one closes': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'estou com erro no fechamento' },
      { at: '2026-11-21T14:05:00', technician: 'reabri o caixa pelo menu fechamentos' },
      { at: '2026-11-21T14:10:00', contact: 'ok', sends: [['encerrar']] },
      { at: '2026-11-21T14:25:00' },
      { at: '2026-11-21T14:26:00', contact: 'ok' },
      { at: '2026-11-21T14:45:00' },
      { at: '2026-11-21T14:46:00', sends: [['18:00']], closes: true },
    ],
  },
  // Found by an outside tester: after "posso encerrar?" a customer who said nothing more got a "tudo certo?" every 30 minutes all day;
  // by a later one: silence after the question closed the chat, though the rules close only on a "Tudo Ok".
  'implantation: silence after "posso encerrar?" closes nothing: check-ins every 30 minutes, three unanswered at most (the question one)': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'estou com erro no fechamento' },
      { at: '2026-11-21T14:05:00', technician: 'reabre o caixa pelo menu fechamentos' },
      { at: '2026-11-21T14:10:00', contact: 'ok', sends: [['encerrar']] },
      { at: '2026-11-21T14:39:00' },
      { at: '2026-11-21T14:40:00', sends: [['?']], lacks: ['finaliz', 'encerrando'] },
      { at: '2026-11-21T15:10:00', sends: [['?']], lacks: ['finaliz', 'encerrando'] },
      { at: '2026-11-21T16:20:00' },
      // The customer writes again, clearly: the quiet while closes.
      { at: '2026-11-21T16:21:00', contact: 'agora sim, tudo certo, obrigada' },
      { at: '2026-11-21T16:41:00', sends: [['18:00']], closes: true },
    ],
  },
  'implantation: a problem told after "posso encerrar?" keeps the chat open': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'estou com erro no fechamento' },
      { at: '2026-11-21T14:05:00', technician: 'reabri o caixa pelo menu fechamentos' },
      { at: '2026-11-21T14:10:00', contact: 'ok', sends: [['encerrar']] },
      { at: '2026-11-21T14:15:00', contact: 'pera, agora o relatorio nao abre' },
      { at: '2026-11-21T14:44:00' },
      { at: '2026-11-21T14:45:00', sends: [['?']] },
    ],
  },
  // Found by a fourth outside tester: "funcionou nao" closed a partner's chat at once ("perfeito, resolvido então!").
  'partner: an "all fine" denied in its own words ("funcionou nao") closes nothing': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'cliente 000777 nao emite nfce, da rejeicao' },
      { at: '2026-11-21T10:05:00', technician: 'ajustei o certificado e reenviei, agora está funcionando por aqui' },
      { at: '2026-11-21T10:06:00', contact: 'funcionou nao' },
      { at: '2026-11-21T10:26:00', sends: [[]], lacks: ['encerr', 'resolvido'] },
      { at: '2026-11-21T10:40:00', contact: 'resolvido nada, continua a rejeicao' },
      { at: '2026-11-21T11:30:00', sends: [[]] },
    ],
  },
  // Found by the same tester: each of these closed an implantation customer's chat 20 minutes later.
  ...Object.fromEntries(
    ['resolvido nada', 'tudo certo q nada', 'nada funcionou', 'ta funcionando nada', 'ta ok nao moço', 'funcionou nao'].map((text) => [
      `implantation: "${text}" after the technician's fix closes nothing`,
      {
        department: 'implantacao',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'o sistema ta travando qnd vou emitir a nfce no caixa' },
          { at: '2026-11-21T10:05:00', technician: 'Já ajustei a configuração do certificado e reenviei a nota, agora está funcionando por aqui.' },
          { at: '2026-11-21T10:06:00', contact: text },
          { at: '2026-11-21T10:30:00' },
          { at: '2026-11-21T10:36:00', sends: [['Maria']], lacks: ['encerr', 'finaliz'] },
        ],
      } satisfies ChatTable,
    ]),
  ),
  'implantation: "nao ta tudo certo" (no comma: not fine, or "no, all fine"?) is asked about and never closed on, even said twice': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o sistema ta travando qnd vou emitir a nfce no caixa' },
      { at: '2026-11-21T10:05:00', technician: 'Já ajustei a configuração do certificado, agora está funcionando por aqui.' },
      { at: '2026-11-21T10:06:00', contact: 'nao ta tudo certo', sends: [['encerrar']] },
      { at: '2026-11-21T10:08:00', contact: 'nao ta tudo certo' },
      { at: '2026-11-21T10:40:00', sends: [['Maria']] },
    ],
  },
  ...Object.fromEntries(
    // (a fourth outside tester's: "acho que sim", "parece q ta ok", "ta ok eu acho" had closed twenty minutes later)
    ['ta funcionando ate agr', 'por hora sim, obrigado', 'ta bom obg', 'acho que sim', 'parece q ta ok', 'ta ok eu acho', 'por enquanto ta ok', 'ate agora sim'].map((text) => [
      `implantation: "${text}" (for now, unsure, or a bare thanks) is asked about once and never closed on`,
      {
        department: 'implantacao',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'o sistema ta travando qnd vou emitir a nfce no caixa' },
          { at: '2026-11-21T10:05:00', technician: 'Já ajustei a configuração do certificado, agora está funcionando por aqui.' },
          { at: '2026-11-21T10:06:00', contact: text, sends: [['encerrar']] },
          { at: '2026-11-21T10:35:00', lacks: ['finaliz', 'encerrando'] },
          { at: '2026-11-21T10:36:00', sends: [['?']], lacks: ['finaliz', 'encerrando'] },
        ],
      } satisfies ChatTable,
    ]),
  ),
  ...Object.fromEntries(
    // A polite no before the "all fine", which the classifier read as nothing (the chat waited for a technician): the rules' own close.
    ['nao precisa de mais nada nao, resolvido obg', 'nada nao, funcionou'].map((text) => [
      `implantation: "${text}" closes after the quiet while, with the hours`,
      {
        department: 'implantacao',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'o sistema ta travando qnd vou emitir a nfce no caixa' },
          { at: '2026-11-21T10:05:00', technician: 'Já ajustei a configuração do certificado, agora está funcionando por aqui.' },
          { at: '2026-11-21T10:06:00', contact: text, lacks: ['encerrar?'] },
          { at: '2026-11-21T10:26:00', sends: [['18:00']], closes: true },
        ],
      } satisfies ChatTable,
    ]),
  ),
  // Found by a fourth outside tester (customers' words): each of these was read as "all fine" and closed.
  'implantation: "o servidor caiu aqui" as the first message is a problem ("caiu" is no money come in): no question, no close': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o servidor caiu aqui', lacks: ['encerrar'] },
      { at: '2026-11-21T10:29:00' },
      { at: '2026-11-21T10:30:00', sends: [['plantão']], lacks: ['encerr', 'finaliz'] },
    ],
  },
  'support: "resolvido o boleto. agora o estoque ta negativo" is a new problem, never a close': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o boleto nao gera' },
      { at: '2026-11-21T10:05:00', technician: 'ajustei a carteira de cobrança, tenta gerar de novo' },
      { at: '2026-11-21T10:10:00', contact: 'resolvido o boleto. agora o estoque ta negativo', lacks: ['encerr', 'finaliz'] },
      { at: '2026-11-21T10:40:00', sends: [['plantão']], lacks: ['encerr', 'finaliz'] },
    ],
  },
  'implantation: "nao precisa ficar perguntando, qd eu precisar eu chamo" stops the check-ins, said once; no close': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'estou com duvida no estoque' },
      { at: '2026-11-21T10:05:00', technician: 'Vá em estoque > ajustes e lance o inventário' },
      { at: '2026-11-21T10:35:00', sends: [['?']] },
      { at: '2026-11-21T10:40:00', contact: 'nao precisa ficar perguntando, qd eu precisar eu chamo', sends: [['mensagens automáticas']] },
      { at: '2026-11-21T17:59:00' },
    ],
  },
  'implantation: "ok" to the technician\'s "reinicia o pc e me fala" solves nothing: no "posso encerrar?"': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o pdv nao abre' },
      { at: '2026-11-21T10:05:00', technician: 'reinicia o pc e me fala' },
      { at: '2026-11-21T10:06:00', contact: 'ok', lacks: ['encerrar'] },
      { at: '2026-11-21T10:36:00', sends: [['?']], lacks: ['encerr', 'finaliz'] },
    ],
  },
  'implantation: "ok" to the technician\'s "vou verificar, um momento": the check-in says the plantão has it': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'a nfce ta rejeitando' },
      { at: '2026-11-21T10:05:00', technician: 'vou verificar, um momento' },
      { at: '2026-11-21T10:06:00', contact: 'ok' },
      { at: '2026-11-21T10:36:00', sends: [['plantão']], lacks: ['tudo certo', 'conseguiu', 'encerr'] },
    ],
  },
  // Found by the same tester: "ok obg" to "o técnico do plantão vai te responder" closed a problem no technician had answered.
  'implantation: an "ok obg" to the waiting check-in keeps the problem waiting for a technician': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o sistema ta travando qnd vou emitir a nfce no caixa' },
      { at: '2026-11-21T10:30:00', sends: [['plantão']] },
      { at: '2026-11-21T10:31:00', contact: 'ok obg' },
      { at: '2026-11-21T10:55:00' },
      { at: '2026-11-21T11:01:00', sends: [['plantão']], lacks: ['encerr', 'finaliz', 'tudo certo'] },
    ],
  },
  // Found by a sixth outside tester: half solved, half still to do, closed twenty minutes later.
  'implantation: "ta resolvido o cupom, agora falta a nfe de transferencia" is no all fine: never closed on': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o cupom nao sai e a nfe de transferencia da erro' },
      { at: '2026-11-21T10:02:00', technician: 'ajustei o cadastro, testa ai pfv' },
      { at: '2026-11-21T10:03:00', contact: 'ta resolvido o cupom, agora falta a nfe de transferencia' },
      { at: '2026-11-21T10:32:00' },
      { at: '2026-11-21T10:33:00', sends: [['plantão']], lacks: ['encerr', 'tudo certo'] },
    ],
  },
  // …and after the technician's "vou verificar, um momento", a silent half hour got "conseguiu seguir com o sistema?".
  'implantation: after the technician\'s "vou verificar, um momento" the check-in says the plantão has it': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'a impressora fiscal nao imprime' },
      { at: '2026-11-21T10:02:00', technician: 'Bom dia, Maria! Vou verificar, um momento.' },
      { at: '2026-11-21T10:31:00' },
      { at: '2026-11-21T10:32:00', sends: [['plantão']], lacks: ['tudo certo', 'conseguiu seguir'] },
    ],
  },
  // …and a customer who says they wait for the technician got "está tudo certo?" at the next check-in.
  'implantation: "obg, fico no aguardo" keeps the problem waiting for a technician': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o pdv nao abre a venda' },
      { at: '2026-11-21T10:03:00', contact: 'obg, fico no aguardo' },
      { at: '2026-11-21T10:32:00' },
      { at: '2026-11-21T10:33:00', sends: [['plantão']], lacks: ['tudo certo', 'conseguiu seguir'] },
    ],
  },
  'implantation: "vlw, vou esperar vc ver o outro caixa entao", after the technician, waits for the technician': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'os dois caixas nao abrem a venda' },
      { at: '2026-11-21T10:02:00', technician: 'o caixa 1 ja voltou, vou olhar o 2 agora' },
      { at: '2026-11-21T10:03:00', contact: 'vlw, vou esperar vc ver o outro caixa entao' },
      { at: '2026-11-21T10:32:00' },
      { at: '2026-11-21T10:33:00', sends: [['plantão']], lacks: ['tudo certo', 'conseguiu seguir'] },
    ],
  },
  // Found by a fifth outside tester: the problem back after an "all fine", said with a "pera", was read as
  // a wait: the close was cancelled, but the next check-in asked "está tudo certo?".
  'implantation: "ih pera, parou d novo" after an "all fine" waits for a technician, never "tudo certo?"': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o pdv nao imprime o cupom' },
      { at: '2026-11-21T10:05:00', technician: 'reinstalei o driver, testa ai' },
      { at: '2026-11-21T10:30:00', contact: 'funcionou!!! tudo ok agora, obg' },
      { at: '2026-11-21T10:40:00', contact: 'ih pera, parou d novo, saiu 1 cupom e travou' },
      { at: '2026-11-21T11:09:00' },
      { at: '2026-11-21T11:10:00', sends: [['plantão']], lacks: ['tudo certo', 'encerr'] },
    ],
  },
  // …and "por hj ta tudo certo" is for today only: asked about once, never closed on at once.
  'implantation: "por hj ta tudo certo, obg" is asked about before closing': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o pdv nao imprime o cupom' },
      { at: '2026-11-21T10:05:00', technician: 'reinstalei o driver, testa ai' },
      { at: '2026-11-21T10:30:00', contact: 'por hj ta tudo certo, obg', sends: [['encerrar']] },
    ],
  },
  // Found by the same tester: "para de me mandar msg" in a plantão chat got no answer, and the check-ins went on.
  'implantation: a request to stop the messages is answered once, and no more check-ins nor the notice follow; the technician still talks': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T16:00:00', contact: 'o sistema ta travando qnd vou emitir a nfce no caixa' },
      { at: '2026-11-21T16:05:00', technician: 'Já ajustei a configuração do certificado, agora está funcionando por aqui.' },
      { at: '2026-11-21T16:06:00', contact: 'para de me mandar msg por favor', sends: [['mensagens automáticas']] },
      { at: '2026-11-21T17:59:00' },
    ],
  },
  'implantation: a chat left #pendente still gets the end-of-shift notice': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'preciso emitir nfe d devolucao e o sistema nao deixa, fala q o cfop eh invalido' },
      { at: '2026-11-21T10:01:00', technician: 'o pessoal do fiscal ajusta segunda. #pendente ajustar regra fiscal CFOP devolucao 5202' },
      { at: '2026-11-21T17:29:00' },
      { at: '2026-11-21T17:30:00', sends: [['18:00']] },
    ],
  },
  // Found in the sandbox: after "#pendente", a partner's "blz, obrigado" was asked "ficou tudo resolvido?".
  'partner with work left pending: the unsure "all fine" is asked about with the pending part, never "resolvido?"': {
    department: 'partner',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'cliente 000777 com certificado vencido, nao emite nfe' },
      { at: '2026-11-21T14:05:00', technician: 'precisa renovar na certificadora, deixo pra equipe fiscal #pendente renovação do certificado A1' },
      { at: '2026-11-21T14:10:00', contact: 'blz, obrigado', sends: [['pend', 'segunda-feira, 23/11 às 08:00', 'encerrar']], lacks: ['resolvido'] },
    ],
  },
  'implantation: "voltou, tudo ok" (the system back, or the problem?) is asked about at once, never closed on, even said twice': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T14:00:00', contact: 'a nota nao sai, rejeicao 539' },
      { at: '2026-11-21T14:05:00', technician: 'reenvia com a data de hoje que passa' },
      { at: '2026-11-21T14:10:00', contact: 'voltou, tudo ok', sends: [['encerrar']] },
      { at: '2026-11-21T14:12:00', contact: 'voltou, tudo ok' },
      { at: '2026-11-21T14:41:00' },
      { at: '2026-11-21T14:42:00', sends: [['?']] },
      { at: '2026-11-21T14:43:00', contact: 'pode encerrar, ta funcionando' },
      { at: '2026-11-21T15:04:00', sends: [['18:00']], closes: true },
    ],
  },
  'implantation: written the same evening after the shift ended, told once when the next period begins; not the next day': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T17:50:00', contact: 'o caixa trava quando passo cartao' },
      { at: '2026-11-21T17:55:00', technician: 'qual a versao do sistema?', sends: [['18:00']] },
      { at: '2026-11-21T18:10:00', contact: 'versao 10.2, aparece erro 99 no tef', sends: [['18:00', 'segunda-feira, 23/11 às 08:00']] },
      { at: '2026-11-21T18:20:00', contact: 'alguem ai?' },
      { at: '2026-11-21T18:25:00', contact: 'ah resolveu aqui, obrigada' },
      { at: '2026-11-22T09:00:00', contact: 'bom dia, continua travando' },
    ],
  },
  // Found by an outside tester: "a impressora parou d novo" at 18:20 was told "domingo às 08:00", and on Sunday nothing happened, nor did QA see it.
  'suporte: a problem left after the shift enters the next shift, waiting for a technician, with its check-in': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T17:40:00', contact: 'a impressora fiscal nao imprime' },
      { at: '2026-11-21T17:45:00', technician: 'reinicia ela e me fala', sends: [['18:00']] },
      { at: '2026-11-21T18:20:00', contact: 'oi, ainda tem alguem ai? a impressora parou d novo', sends: [['domingo, 22/11 às 08:00']] },
      { at: '2026-11-22T08:29:00' },
      { at: '2026-11-22T08:30:00', sends: [['plantão']], lacks: ['tudo certo'] },
      { at: '2026-11-22T08:40:00', technician: 'bom dia! vamos ver a impressora' },
    ],
  },
  // Found by an outside tester (2026-12-07): a first message on the plantão's evening got no answer, and the next shift never saw it.
  'suporte: a first message after the shift is told when the next one begins, and enters it waiting': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T19:00:00', contact: 'o sistema caiu e amanhã cedo abro a loja', sends: [['domingo, 22/11 às 08:00']] },
      { at: '2026-11-21T19:10:00', contact: 'alguem?' },
      { at: '2026-11-22T08:29:00' },
      { at: '2026-11-22T08:30:00', sends: [['plantão']], lacks: ['tudo certo'] },
    ],
  },
  // Found by an outside tester (2026-12-07, later): written on 31/12 at 19:00 before the holiday's shift, nothing answered
  // the message, nor did the shift see it when it began (a Saturday's small hours too).
  'suporte: the night before a holiday shift, told when the plantão begins, and carried into it waiting': {
    department: 'suporte',
    rows: [
      { at: '2026-11-19T19:00:00', contact: 'boa noite, o sistema nao abre, amanha voces atendem?', sends: [['plantão', 'sexta-feira, 20/11 às 08:00']] },
      { at: '2026-11-19T19:10:00', contact: 'alguem?' },
      { at: '2026-11-20T08:29:00' },
      { at: '2026-11-20T08:30:00', sends: [['plantão']], lacks: ['tudo certo'] },
      { at: '2026-11-20T08:40:00', technician: 'bom dia! vamos ver o sistema' },
      { at: '2026-11-20T17:30:00', sends: [[], ['18:00']] },
    ],
  },
  'partner, a Saturday’s small hours: told when the shift begins, and carried into it': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T02:31:00', contact: 'cliente meu com o pdv travado, rejeicao 539', sends: [['sábado, 21/11 às 08:00']] },
      { at: '2026-11-21T08:19:00' },
      { at: '2026-11-21T08:20:00', sends: [[]] },
    ],
  },
  'a weekday night with no plantão next: nothing promised (the team sees it at the opening)': {
    department: 'suporte',
    rows: [{ at: '2026-11-24T19:00:00', contact: 'boa noite, o sistema nao abre' }],
  },
  // Found by an outside tester (2026-12-07, later): each of these was closed 20 minutes (a partner: 2) later, the customer still waiting.
  'implantation: "tudo certo, fico no aguardo" to the waiting check-in is no close': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T08:00:00', contact: 'a nota nao sai, da rejeicao 225' },
      { at: '2026-11-21T08:30:00', sends: [['plantão']] },
      { at: '2026-11-21T08:32:00', contact: 'tudo certo, fico no aguardo' },
      { at: '2026-11-21T08:58:00' },
    ],
  },
  'suporte: "tudo ok" to the technician\'s "vou acessar aí, um momento" agrees to wait; a result told closes': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T08:05:00', contact: 'bom dia ja tem alguem ai? o sistema nao abre' },
      { at: '2026-11-21T08:10:00', technician: 'Maria bom dia, vou acessar ai, um momento' },
      { at: '2026-11-21T08:11:00', contact: 'tudo ok' },
      { at: '2026-11-21T08:35:00' },
      { at: '2026-11-21T08:36:00', contact: 'agora abriu, tudo certo, obrigada' },
      { at: '2026-11-21T08:56:00', sends: [['18:00']], closes: true },
    ],
  },
  'suporte: "tudo ok, pode reiniciar" to the technician\'s question is no close': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T09:00:00', contact: 'o servidor ta lento demais' },
      { at: '2026-11-21T09:05:00', technician: 'Maria, posso reiniciar o servidor agora? vai derrubar os caixas uns 5 min' },
      { at: '2026-11-21T09:06:00', contact: 'tudo ok, pode reiniciar' },
      { at: '2026-11-21T09:30:00' },
    ],
  },
  'partner: "blz, tudo certo, aguardo vc acessar" is no "resolvido"': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o pdv do cliente nao sobe' },
      { at: '2026-11-21T10:02:00', technician: 'Rafael, vou acessar ai, um momento' },
      { at: '2026-11-21T10:03:00', contact: 'blz, tudo certo, aguardo vc acessar' },
      { at: '2026-11-21T10:15:00' },
    ],
  },
  'implantation: a second problem\'s "tudo ok por enquanto" is asked about again, never closed on': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T09:00:00', contact: 'o sistema ta com erro na venda' },
      { at: '2026-11-21T09:05:00', technician: 'Maria, corrigi aqui, testa ai' },
      { at: '2026-11-21T09:06:00', contact: 'tudo ok por enquanto', sends: [['encerrar']] },
      { at: '2026-11-21T09:10:00', contact: 'agora o relatorio de estoque nao abre' },
      { at: '2026-11-21T09:15:00', technician: 'Maria, corrigi o relatorio, testa ai' },
      { at: '2026-11-21T09:16:00', contact: 'tudo ok por enquanto', sends: [['encerrar']] },
      { at: '2026-11-21T09:40:00' },
    ],
  },
  'partner: an opt-out holds the next day in the same chat': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T16:00:00', contact: 'rejeicao 999, e para de me mandar essas msg automaticas por favor', sends: [['mensagens automáticas']] },
      { at: '2026-11-21T17:40:00' },
      { at: '2026-11-22T09:00:00', contact: 'bom dia, voltei, e a rejeicao 999?' },
      { at: '2026-11-22T11:40:00' },
    ],
  },
  'suporte: the first problem left pending, then solved; a later problem is no "o que ficou pendente segue"': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T09:00:00', contact: 'a nota nao sai' },
      { at: '2026-11-21T09:05:00', technician: 'Maria me manda o xml da nota por email pfv #pendente aguardando xml da cliente' },
      { at: '2026-11-21T09:30:00', contact: 'mandei o xml e a nota saiu, tudo certo obg' },
      { at: '2026-11-21T09:50:00', sends: [['18:00']], closes: true },
      { at: '2026-11-21T10:30:00', contact: 'o leitor de codigo de barras parou' },
      { at: '2026-11-21T10:35:00', technician: 'Maria, reinstalei o driver do leitor, deve ler agora' },
      { at: '2026-11-21T10:36:00', contact: 'valeu', sends: [[]], lacks: ['pendente'] },
    ],
  },
  // Found by an outside tester (2026-12-07, later): a holding line opening with "tudo bem?" counted as the answer: the
  // check-in asked "tudo bem por aí?" and QA saw no wait.
  'implantation: "Olá, tudo bem? … aguarde só um instante" is a hold, not an answer': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o caixa nao abre' },
      { at: '2026-11-21T10:02:00', technician: 'Olá, tudo bem? Sou do plantão e vou te ajudar agora mesmo com isso, aguarde só um instante por favor.' },
      { at: '2026-11-21T10:32:00', sends: [['plantão']], lacks: ['tudo certo', 'tudo bem por aí', 'dúvida'] },
    ],
  },
  'partner: asked "posso encerrar?" after an unclear "vlw", no check-in on top in the same silence': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o xml nao importa' },
      { at: '2026-11-21T10:05:00', technician: 'Rafael, era o layout, deixei no 4.00 aqui' },
      { at: '2026-11-21T10:10:00', contact: 'vlw', sends: [['encerrar']] },
      { at: '2026-11-21T11:00:00' },
    ],
  },
  'suporte: a first thanks after the shift gets no answer': {
    department: 'suporte',
    rows: [{ at: '2026-11-21T19:00:00', contact: 'ok obrigada' }],
  },
  // Found playing the fresh clone: closed before the notice, the chat's stale notice deadline kept the next shift's wake from being armed.
  'suporte: closed during the shift, then a problem in the evening: it still enters the next shift': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o pdv travou' },
      { at: '2026-11-21T10:05:00', technician: 'fecha e abre de novo pelo atalho' },
      { at: '2026-11-21T10:10:00', contact: 'resolveu, ta tudo certo agora, obrigada' },
      { at: '2026-11-21T10:12:00', sends: [['18:00']], closes: true },
      { at: '2026-11-21T18:20:00', contact: 'ah mas agora a impressora parou d novo', sends: [['domingo, 22/11 às 08:00']] },
      { at: '2026-11-22T08:29:00' },
      { at: '2026-11-22T08:30:00', sends: [['plantão']], lacks: ['tudo certo'] },
    ],
  },
  'partner, after the shift: a thanks gets no answer': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-21T17:40:00', contact: 'o xml nao importa' },
      { at: '2026-11-21T17:45:00', technician: 'reimporta com o layout 4.00', sends: [['18:00']] },
      { at: '2026-11-21T18:10:00', contact: 'deu certo, valeu!' },
    ],
  },
  'partner, Sunday: a check-in after 20 minutes, closed two minutes after "resolvido", with the hours': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-22T09:00:00', contact: 'Cliente com rejeição 539 na NFC-e' },
      { at: '2026-11-22T09:19:00' },
      { at: '2026-11-22T09:20:00', sends: [[]] },
      { at: '2026-11-22T09:25:00', contact: 'resolvido, obrigado!' },
      { at: '2026-11-22T09:27:00', sends: [['12:00', 'segunda-feira, 23/11 às 08:00']], closes: true },
    ],
  },
  // Found by an outside tester (2026-12-07): "ok" to the technician's "pode falar" got "ficou tudo resolvido? Posso encerrar?".
  'a bare "ok" as the first words, to the technician\'s greeting, asks nothing about closing': {
    department: 'suporte',
    rows: [
      { at: '2026-11-21T14:00:00', technician: 'Boa tarde, sou o Carlos do plantão, pode falar' },
      { at: '2026-11-21T14:00:30', contact: 'ok', lacks: ['encerrar'] },
      { at: '2026-11-21T14:01:00', contact: 'o pdv nao abre desde cedo' },
    ],
  },
  // Found by an outside tester (2026-12-07): a "tudo ok" at 17:50 was closed at 18:10 with "o plantão vai até 18:00".
  'implantação: closed after the shift ended, the hours said in the past': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T17:40:00', contact: 'o pdv nao abre' },
      { at: '2026-11-21T17:50:00', contact: 'consegui, tudo certo agora, obrigada', sends: [[]] },
      { at: '2026-11-21T18:15:00', sends: [['terminou às 18:00']], lacks: ['vai até', 'atende até', 'segue até'], closes: true },
    ],
  },
  // Found by an outside tester (2026-12-07): "resolvido aqui" was closed on in 23 ms, and the partner's "ah pera, o pdv 2
  // ainda nao sobe" two seconds later found a goodbye.
  'partner: "resolvido" and, at once, a problem still there: no close, no goodbye': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-22T09:00:00', contact: 'Cliente com rejeição 539 na NFC-e' },
      { at: '2026-11-22T09:10:00', contact: 'resolvido aqui' },
      { at: '2026-11-22T09:10:30', contact: 'ah pera, o pdv 2 ainda nao sobe' },
      { at: '2026-11-22T09:15:00' },
    ],
  },
  // Found by an outside tester (2026-12-07): each of these closed the chat, the partner's after two minutes with "fico feliz que tenha resolvido".
  ...Object.fromEntries(
    ['resolvido parcialmente', 'funciona so as vezes', "ok, agr o erro mudou: 'falha na comunicacao'", 'resolvido em um pdv'].map((text): [string, ChatTable] => [
      `partner: "${text}" is no "resolvido": no close`,
      {
        department: 'partner',
        kind: 'partner',
        rows: [
          { at: '2026-11-22T09:00:00', contact: 'Cliente com rejeição 539 na NFC-e' },
          { at: '2026-11-22T09:05:00', technician: 'ajustei a serie, testa ai' },
          { at: '2026-11-22T09:10:00', contact: text, lacks: ['encerrar', 'resolvido'] },
          { at: '2026-11-22T09:12:00', lacks: ['encerrar'] },
          { at: '2026-11-22T09:35:00', sends: [[]], lacks: ['encerrar', 'fico feliz'] },
        ],
      },
    ]),
  ),
  ...Object.fromEntries(
    ['deu certo em 2 dos 3 caixas', 'funcionando com lentidao', 'ta ok sqn', 'deu certo uma vez so', 'resolvido so metade'].map((text): [string, ChatTable] => [
      `implantação: "${text}" is no "tudo ok": no close`,
      {
        department: 'implantacao',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'o pdv nao abre, da erro de conexao' },
          { at: '2026-11-21T10:05:00', technician: 'prontinho, reiniciei o servico do banco, pode testar ai?' },
          { at: '2026-11-21T10:10:00', contact: text, lacks: ['encerrar'] },
          { at: '2026-11-21T10:35:00', lacks: ['encerrar', 'até mais'] },
        ],
      },
    ]),
  ),
  // Found in the sandbox: a partner silent all afternoon got a check-in every 30 minutes.
  'partner: one check-in per silence; the next one only after the partner or a technician writes again': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-22T09:00:00', contact: 'Cliente com rejeição 539 na NFC-e' },
      { at: '2026-11-22T09:20:00', sends: [[]] },
      { at: '2026-11-22T10:29:00', sends: [] },
      { at: '2026-11-22T10:30:00', technician: 'conseguiu reenviar?' },
      { at: '2026-11-22T10:50:00', sends: [[]] },
    ],
  },
  'outside any shift: no check-ins, no close': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-24T10:00:00', contact: 'oi, tudo certo, obrigado' },
      { at: '2026-11-24T11:00:00' },
    ],
  },
};

describe('chat dialog: the plantão shift', () => {
  it.each(Object.entries(chats))('%s', (_name, chat) => {
    playChat(chat);
  });

  // Found by an outside tester (2026-12-07): "oi, a impressora de cupom parou" at 17:55 got only the notice, and Sunday's shift never saw it.
  it('a problem told at 17:55 and still unanswered at the end is carried into the next day\'s shift, waiting', () => {
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T17:55:00-03:00'), noReseller);
    driver.say({ chatId: 'ch_late', department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655', author: 'contact', text: 'oi, a impressora de cupom parou de imprimir agora' });
    const texts = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === 'ch_late' ? [e.text] : []));
    driver.advanceTo('2026-11-21T23:00:00-03:00');
    expect(texts(driver.advanceTo('2026-11-22T07:59:00-03:00'))).toEqual([]);
    const sunday = texts(driver.advanceTo('2026-11-22T08:45:00-03:00'));
    expect(sunday).toHaveLength(1);
    expect(sunday[0]).toContain('plantão');
    expect(sunday[0]).not.toMatch(/tudo certo|tudo bem/);
    expect((driver.state('chat:ch_late') as ChatState).plantao?.awaitingTechnician).toBe(true);
  });

  // Found by an outside tester (2026-12-07): Sunday's check-in on that chat said "há 30 minutos", counted from the shift's start.
  it('the carried chat is told it has waited since its message of the day before, never the minutes of the new shift', () => {
    const told: string[] = [];
    for (let i = 0; i < 12; i++) {
      const chatId = `ch_late_${i}`;
      const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T17:55:00-03:00'), noReseller);
      driver.say({ chatId, department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655', author: 'contact', text: 'oi, a impressora de cupom parou de imprimir agora' });
      driver.advanceTo('2026-11-21T23:00:00-03:00');
      const sunday = driver.advanceTo('2026-11-22T09:30:00-03:00');
      told.push(...sunday.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === chatId ? [e.text] : [])));
    }
    expect(told.length).toBeGreaterThanOrEqual(12);
    for (const text of told) expect(text).not.toMatch(/há \d+ minutos|há mais de/);
    expect(told.filter((text) => text.includes('desde sábado, 21/11 às 17:55')).length).toBeGreaterThan(0);
  });

  // Found by an outside tester (2026-12-07): the manager heard "desde 08:00 (20 minutos)" of a customer waiting since Saturday.
  it('the manager hears of a carried chat from the contact\'s message, not from the shift\'s start', () => {
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T17:55:00-03:00'), noReseller);
    driver.say({ chatId: 'ch_late_m', department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655', author: 'contact', text: 'oi, a impressora de cupom parou de imprimir agora' });
    driver.advanceTo('2026-11-21T23:00:00-03:00');
    const alerts = driver.advanceTo('2026-11-22T08:30:00-03:00').flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to ? [e.text] : []));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('desde sábado, 21/11 às 17:55');
    expect(alerts[0]).toContain('mais de 14 horas');
    expect(alerts[0]).not.toMatch(/desde 08:00|20 minutos/);
  });

  // Found by outside testers: a chat that first wrote after the shift (or the night before one) was named by its id
  // ("ch_sbx_partner") in the manager's alert, the QA report and the pending list, not by the number agents see.
  it.each([
    ['the evening after a shift', '2026-11-21T19:00:00-03:00'],
    ['the small hours before one', '2026-11-22T02:00:00-03:00'],
  ])('a chat that wrote %s is named by its Karoo number when carried into the next shift', (_name, at) => {
    const driver = new FlowDriver(plantaoContext(), new Date(at), noReseller);
    driver.say({ chatId: 'ch_evening', department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655', author: 'contact', text: 'oi, o pdv parou de abrir, da erro de banco' });
    const alerts = driver.advanceTo('2026-11-22T08:30:00-03:00').flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to ? [e.text] : []));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('chat 98765');
    expect((driver.state('chat:ch_evening') as ChatState).plantao?.record?.chatNumber).toBe(98765);
  });

  // Found by an outside tester (2026-12-07): a customer waited 8 hours for a technician and nobody was told during the shift.
  it('a contact left waiting as long as QA counts against the plantão is told to the manager in charge, once per wait', () => {
    const chatId = 'ch_waits';
    const who = { chatId, department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655' } as const;
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T10:00:00-03:00'), noReseller);
    const alerts = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to ? [e] : []));
    driver.say({ ...who, author: 'contact', text: 'bom dia, o pdv nao abre, da erro de banco de dados' });
    expect(alerts(driver.advanceTo('2026-11-21T10:19:00-03:00'))).toEqual([]);
    const first = alerts(driver.advanceTo('2026-11-21T10:21:00-03:00'));
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toContain('desde 10:00');
    expect(first[0]?.text).toContain('plantão de Suporte');
    // Once per wait: not again while the same wait runs, all day.
    driver.say({ ...who, author: 'contact', text: 'alguem???' });
    expect(alerts(driver.advanceTo('2026-11-21T14:00:00-03:00'))).toEqual([]);
    // A technician answers; a new wait later is told again.
    driver.say({ ...who, author: 'agent', text: 'Oi Maria, qual a mensagem exata do erro?' }, (raw) => {
      (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
    });
    driver.advanceTo('2026-11-21T14:05:00-03:00');
    driver.say({ ...who, author: 'contact', text: 'diz que nao conecta no servidor' });
    expect(alerts(driver.advanceTo('2026-11-21T14:30:00-03:00'))).toHaveLength(1);
  });

  it('a problem still unanswered at the end of the last shift before the business opening goes to the supervisors as pending work', () => {
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-22T11:50:00-03:00'), noReseller);
    driver.say({ chatId: 'ch_last', department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655', author: 'contact', text: 'o backup nao roda, da erro de permissao' });
    const effects = driver.advanceTo('2026-11-22T12:30:00-03:00');
    const pending = effects.filter((e): e is Extract<Effect, { type: 'forward' }> => e.type === 'forward' && e.name === 'pending.add');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ stream: 'ops:pending', data: { chatId: 'ch_last', by: 'karoo-bot, no fim do plantão' } });
    expect(String(pending[0]?.data.reason)).toContain('ficou sem resposta de um técnico até o fim do plantão');
    // …and the contact is told, not left to wonder: sorry, their message is pending work, and when the team is back.
    const told = effects.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === 'ch_last' ? [e.text] : []));
    expect(told.at(-1)).toMatch(/desculp/i);
    expect(told.at(-1)).toContain('pendência');
    expect(told.at(-1)).toContain('segunda-feira, 23/11 às 08:00');
  });

  // Found by an outside tester (2026-12-08): a partner on an external job (#externo) back with a problem after the end-of-shift
  // notice reached nobody: neither Sunday's shift nor its manager, nor Monday's pending list.
  it('a partner on an external job who comes back with a problem nobody answers is carried into the next shift, then left pending', () => {
    const partner = { chatId: 'ch_ext', department: 'partner', kind: 'partner', login: null, phone: '+5551900001111' } as const;
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T15:00:00-03:00'), noReseller);
    driver.say({ ...partner, author: 'contact', text: 'boa tarde, to em treinamento num cliente aqui, qualquer coisa volto' });
    driver.say({ ...partner, author: 'agent', text: '#externo beleza Rafael, qualquer coisa chama' }, (raw) => {
      (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
    });
    driver.advanceTo('2026-11-21T17:55:00-03:00');
    driver.say({ ...partner, author: 'contact', text: 'voltei, a impressora zebra nao imprime a etiqueta, sai em branco' });
    driver.advanceTo('2026-11-21T23:00:00-03:00');
    const sunday = driver.advanceTo('2026-11-22T08:30:00-03:00');
    const alerts = sunday.flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to ? [e.text] : []));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('parceiro');
    const end = driver.advanceTo('2026-11-22T12:30:00-03:00');
    const pending = end.filter((e): e is Extract<Effect, { type: 'forward' }> => e.type === 'forward' && e.name === 'pending.add');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ data: { chatId: 'ch_ext' } });
  });

  // Found by outside testers (2026-12-07): "vou acessar aí. #pendente …" and, after a #pendente, the customer's "ok obrigada,
  // fico no aguardo" were each counted by QA as a wait running to the shift's end (585 and 367 minutes).
  it.each([
    ['Bom dia, Maria! Vou acessar aí. #pendente PDV 2 precisa reinstalar o serviço, fica pra segunda', null],
    ['vou deixar registrado pra segunda #pendente balanca sem comunicacao, aguardando assistencia do fabricante', 'ok obrigada, fico no aguardo entao'],
  ])('a chat left pending is no wait for QA: "%s", then "%s"', (technician, contact) => {
    const chatId = 'ch_pending_wait';
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T11:00:00-03:00'), noReseller);
    const who = { chatId, department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655' } as const;
    driver.say({ ...who, author: 'contact', text: 'bom dia, a balanca nao comunica com o pdv' });
    driver.advanceTo('2026-11-21T11:05:00-03:00');
    driver.say({ ...who, author: 'agent', text: technician }, (raw) => {
      (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
    });
    if (contact) {
      driver.advanceTo('2026-11-21T11:07:00-03:00');
      driver.say({ ...who, author: 'contact', text: contact });
    }
    driver.advanceTo('2026-11-21T18:30:00-03:00');
    const record = (driver.state(`chat:${chatId}`) as ChatState).plantao?.record;
    expect(record).toMatchObject({ pending: expect.any(String) });
    expect(record?.leftWaiting ?? false).toBe(false);
    expect(record?.longestWaitMinutes).toBeLessThanOrEqual(5);
  });

  // Found by an outside tester (2026-12-07): the same check-in twice within the hour, the customer writing between them.
  it('a long quiet afternoon never repeats one of the last check-ins while another wording is left', () => {
    const rows: ChatTable['rows'] = [{ at: '2026-11-21T10:00:00', contact: 'o pdv ta travando, alguem pode ver?' }];
    // The customer writes again after each pair of check-ins (so they never stop), nobody answers.
    for (let h = 10; h < 17; h++) rows.push({ at: `2026-11-21T${h}:50:00`, contact: h % 2 ? 'alguem?' : 'ainda travando aqui' });
    const effects: Effect[] = [];
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T10:00:00-03:00'), noReseller);
    for (const row of rows) {
      effects.push(...driver.advanceTo(`${row.at}-03:00`));
      effects.push(...driver.say({ chatId: 'ch_quiet', department: 'implantacao', kind: 'customer', login: null, phone: '+5511988776655', author: 'contact', text: row.contact ?? '' }));
    }
    const checkins = effects.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === 'ch_quiet' ? [e.text] : []));
    expect(checkins.length).toBeGreaterThanOrEqual(10);
    // Six wordings of the waiting check-in: any six in a row are six different texts.
    for (let i = 0; i + 6 <= checkins.length; i++) expect(new Set(checkins.slice(i, i + 6)).size, checkins.slice(i, i + 6).join(' | ')).toBe(6);
  });
});

describe("chat dialog: the plantão shift and WhatsApp's 24-hour window", () => {
  it('a check-in or a notice the closed window kept from the contact: the QA record says so, and no more check-ins go out', () => {
    const chatId = 'ch_window';
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-21T10:00:00-03:00'), noReseller);
    driver.say({ chatId, department: 'implantacao', kind: 'customer', login: null, author: 'contact', text: 'oi, preciso de ajuda com o estoque' });
    // From here on Karoo refuses the chat's messages: the contact's window has closed.
    driver.karooRefuses = (e) => (e.type === 'karoo.sendMessage' ? { error: 'not sent: window closed', code: 'outside_window' } : null);
    const tried = (effects: Effect[]) => effects.filter((e) => e.type === 'karoo.sendMessage' && e.chatId === chatId);
    expect(tried(driver.advanceTo('2026-11-21T10:30:00-03:00'))).toHaveLength(1);
    expect(tried(driver.advanceTo('2026-11-21T17:00:00-03:00'))).toHaveLength(0); // no check-in nobody would receive
    expect(tried(driver.advanceTo('2026-11-21T17:30:00-03:00'))).toHaveLength(1); // the notice is still tried
    const record = (driver.state(`chat:${chatId}`) as ChatState).plantao?.record;
    expect(record).toMatchObject({ checkins: 0, notice: false, hoursTold: false, notSent: ['checkin', 'notice'] });
  });

  // Found by an outside tester: "reiniciei e o caixa travou de novo" (written at T) delivered before "Obrigado, tudo
  // resolvido" (written at T−30 s, redelivered): the bot closed the chat on the older message 20 minutes later.
  it('a message delivered after one written later never closes on what came after it', () => {
    const chatId = 'ch_late';
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-20T10:00:00-03:00'), noReseller);
    const who = { chatId, department: 'implantacao', kind: 'customer', login: null, author: 'contact' } as const;
    const writtenAt = (iso: string) => (raw: Record<string, unknown>) => void (raw.occurredAt = iso);
    driver.say({ ...who, text: 'o caixa travou' }, writtenAt('2026-11-20T09:59:00-03:00'));
    driver.advanceTo('2026-11-20T10:05:00-03:00');
    driver.say({ ...who, text: 'reiniciei e o caixa travou de novo' }, writtenAt('2026-11-20T10:05:00-03:00'));
    driver.advanceTo('2026-11-20T10:05:10-03:00');
    driver.say({ ...who, text: 'Obrigado, tudo resolvido' }, writtenAt('2026-11-20T10:04:30-03:00'));
    const later = driver.advanceTo('2026-11-20T10:40:00-03:00');
    expect(later.filter((e) => e.type === 'karoo.closeChat')).toEqual([]);
    const said = later.flatMap((e) => (e.type === 'karoo.sendMessage' && e.chatId === chatId ? [e.text] : []));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/plantão/); // the problem waits for a technician: no "está tudo certo?"
  });
});
