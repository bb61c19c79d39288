import type { BusinessCalendar } from '../../calendar/business-calendar.js';
import type { ScheduleTopic } from '../../nlu/intents.js';
import { templateParam } from '../../domain/whatsapp.js';
import { formatPhone } from '../../util/phone.js';
import { truncate } from '../../util/text.js';
import { capitalise, firstName, fresh, Hi, inParens, pick, toName, type Said } from '../phrases.js';

/**
 * What the bot says on the plantão, in several wordings each, personalised with the person's
 * name and the hours. `fresh` never repeats the text the chat got last.
 */




/** Why the bot closed a chat, as Karoo keeps it. */
export const CLOSE_REASON = {
  solved: 'resolvido no plantão',
  quietAfterOk: 'cliente sem novas mensagens após tudo ok',
} as const;

/** What the pending work says when the technician gave no reason, or no name. */
export const PENDING_NO_REASON = 'sem motivo informado';
export const PENDING_TECHNICIAN = 'técnico do plantão';

/** What is scheduled, as the customer reads it. */
export const TOPIC_NAMES: Record<ScheduleTopic, string> = {
  training: 'treinamento',
  coupon: 'ajuste de cupom/ticket',
  labels: 'etiquetas',
  nfe: 'NF-e/NFC-e personalizada',
};

export interface Hours {
  /** "18:00": when today's plantão ends */
  endsAt: string;
  /** "segunda-feira, 23/11 às 08:00": the start of the next working period */
  next: string;
  /** Today's plantão has already ended (a close at 18:10 after a "tudo ok" at 17:50): said in the past. */
  over?: boolean;
}

export function hoursOf(cal: BusinessCalendar, shiftEnd: Date, nextStart: Date): Hours {
  return { endsAt: cal.formatTime(shiftEnd), next: cal.describe(nextStart) };
}

export function idlePing(seed: string, name: string | null, isPartner: boolean, last: Said): string {
  // One voice, the plantão team's ("nós"), in every check-in.
  return fresh(
    seed,
    isPartner
      ? [
          `${Hi(name)}está tudo certo por aí? Precisa de mais alguma coisa?`,
          `${Hi(name)}conseguiu avançar? Se precisar de algo mais, é só nos chamar.`,
          `Oi${toName(name)}! Ficou tudo certo ou podemos ajudar em mais alguma coisa?`,
          `${Hi(name)}como andam as coisas aí no cliente? Seguimos por aqui se precisar.`,
        ]
      : [
          `${Hi(name)}está tudo certo? Deseja algo mais? Seguimos por aqui.`,
          `Oi${toName(name)}! Passando para saber se está tudo certo. Deseja mais alguma coisa?`,
          `${Hi(name)}ficou alguma dúvida? Se precisar de algo mais, estamos à disposição.`,
          `${Hi(name)}tudo bem por aí? Se surgir qualquer dúvida, é só escrever.`,
          `${Hi(name)}o sistema está rodando bem? Qualquer coisa, é só nos chamar por aqui.`,
        ],
    last,
  );
}

/**
 * The check-in when the contact's last message still waits for a technician's answer: "está tudo
 * certo?" would ignore the problem they just told; they are told it is with the plantão instead,
 * and, once it has waited a while, for how long (`waited`, in minutes); a wait carried in from an
 * earlier period is told from the contact's last message (`carriedFrom`: "sábado, 21/11 às 17:55").
 */
export function waitingPing(seed: string, name: string | null, last: Said, waited = 0, carriedFrom: string | null = null): string {
  const since = carriedFrom ? ` desde ${carriedFrom}` : waited >= 20 ? ` há ${waitedFor(waited >= 60 ? waited : Math.floor(waited / 10) * 10)}` : '';
  return fresh(
    seed,
    [
      `${Hi(name)}sua mensagem está com a equipe do plantão, que vai te responder por aqui. Quer acrescentar algo mais enquanto isso?`,
      `Oi${toName(name)}! Ainda estamos com o seu pedido aqui no plantão e já te respondemos por esta conversa. Precisa de algo mais?`,
      `${Hi(name)}não esquecemos de você: o técnico do plantão vai te responder por aqui. Tem algo mais que ajude a entender o problema?`,
      `${Hi(name)}a equipe do plantão segue com o seu caso${since} e te responde por aqui assim que possível. Quer mandar algo mais, como um print ou o texto do erro?`,
      `${Hi(name)}seu atendimento continua na fila do plantão${since}. O problema mudou ou tem algo mais que devemos saber?`,
      `Oi${toName(name)}, o plantão já está com a sua mensagem${since}. Lembrou de algo mais que possa ajudar?`,
    ],
    last,
  );
}

/** "20 minutos", "mais de 1 hora", "mais de 22 horas". */
function waitedFor(minutes: number): string {
  if (minutes < 60) return `${minutes} minutos`;
  const hours = Math.floor(minutes / 60);
  return hours === 1 ? 'mais de 1 hora' : `mais de ${hours} horas`;
}

/**
 * To the shift's manager: a contact has waited for a technician as long as QA counts against the plantão
 * ("tempo parado"), while the shift can still answer them (found by an outside tester: a customer waited
 * 8 hours and nobody heard of it until QA's report).
 */
export function waitAlert(seed: string, name: string | null, w: { sector: string; contact: string | null; partner: boolean; chatNumber: number | null; since: string; minutes: number }): string {
  const chat = w.chatNumber !== null ? ` (chat ${w.chatNumber})` : '';
  const who = w.contact ? `${w.partner ? 'o parceiro' : 'o cliente'} ${w.contact}${chat}` : `${w.partner ? 'um parceiro' : 'um cliente'}${chat}`;
  return capitalise(
    pick(seed, [
      `${Hi(name)}no plantão de ${w.sector}, ${who} espera a resposta de um técnico desde ${w.since} (${waitedFor(w.minutes)}). Pode ver quem assume?`,
      `atenção${toName(name)}: ${who}, no plantão de ${w.sector}, está sem resposta de um técnico desde ${w.since}, há ${waitedFor(w.minutes)}. Consegue ver quem assume o atendimento?`,
    ]),
  );
}

export function endOfShiftNotice(seed: string, name: string | null, h: Hours, left: number, last: Said): string {
  const minutesLeft = left === 1 ? '1 minuto' : `${left}`;
  return fresh(
    seed,
    [
      `${Hi(name)}um aviso: o plantão de hoje vai até ${h.endsAt}, então ainda temos ${minutesLeft}${left === 1 ? '' : ' minutos'} para te ajudar. O próximo período de atendimento começa ${h.next}.`,
      `${Hi(name)}nosso plantão se encerra às ${h.endsAt}: ainda temos ${minutesLeft}${left === 1 ? '' : ' minutos'} para ajudar no que você precisar. Depois disso, voltamos ${h.next}.`,
    ],
    last,
  );
}

/**
 * The last shift before the business opening ended with the contact still waiting for a technician: sorry, their
 * message is the team's pending work, and when the team is back (`next`).
 */
export function leftPendingMessage(seed: string, name: string | null, next: string, last: Said): string {
  return fresh(
    seed,
    [
      `${Hi(name)}o plantão de hoje terminou sem que um técnico conseguisse te responder, e pedimos desculpas por isso. Sua mensagem ficou registrada como pendência, e a equipe retoma o seu atendimento ${next}.`,
      `${Hi(name)}nosso plantão se encerrou antes que um técnico chegasse à sua mensagem — desculpe a espera. Ela ficou como pendência para a equipe, que volta a te atender ${next}.`,
    ],
    last,
  );
}

/** The contact wrote the same day after the shift had ended: nobody is on call until the next period begins. */
export function afterShiftMessage(seed: string, name: string | null, h: Hours, last: Said): string {
  return fresh(
    seed,
    [
      capitalise(`${Hi(name)}o plantão de hoje encerrou às ${h.endsAt}. Sua mensagem fica registrada aqui, e o próximo período de atendimento começa ${h.next}.`),
      capitalise(`${Hi(name)}nosso plantão terminou às ${h.endsAt}. Voltamos ${h.next}, e a equipe vai ver a sua mensagem assim que começar.`),
    ],
    last,
  );
}

/** A message the night before a plantão shift: when the team will see it (the shift's start). */
export function beforeShiftMessage(seed: string, name: string | null, start: string, last: Said): string {
  return fresh(
    seed,
    [
      capitalise(`${Hi(name)}agora estamos fora do horário de atendimento. Sua mensagem fica registrada aqui, e o plantão começa ${start}: a equipe vê a sua mensagem assim que começar.`),
      capitalise(`${Hi(name)}neste momento não há ninguém da equipe atendendo. O próximo período de atendimento é o plantão, que começa ${start}, e a sua mensagem já fica aqui para a equipe.`),
    ],
    last,
  );
}

/**
 * The contact asked the plantão to stop its messages ("para de me mandar msg"): no more check-ins
 * nor the end-of-shift notice in this conversation; what they write is still answered.
 */
export function plantaoOptOutAck(seed: string, name: string | null, last: Said): string {
  return fresh(
    seed,
    [
      `Tudo bem${toName(name)}: não mando mais mensagens automáticas nesta conversa. Se precisar do plantão, é só escrever aqui.`,
      `${Hi(name)}combinado, paro com as mensagens automáticas por aqui. Se precisar de alguma coisa, é só escrever que o plantão responde.`,
    ],
    last,
  );
}

/**
 * The customer seemed to say all is fine, but not clearly: asked once before anything closes. With
 * work left pending (`pendingUntil`: when the team takes it, the next business opening), nothing is
 * "resolved": the question says the pending part stays with the team.
 */
export function mayCloseQuestion(seed: string, name: string | null, last: Said, pendingUntil: string | null = null): string {
  if (pendingUntil) {
    return fresh(
      seed,
      [
        `${Hi(name)}o que ficou pendente segue com a equipe a partir de ${pendingUntil}. Posso encerrar o atendimento por aqui ou precisa de mais alguma coisa?`,
        `${Hi(name)}a pendência fica registrada para a equipe, que retoma ${pendingUntil}. Posso encerrar por aqui, ou ficou mais alguma coisa?`,
      ],
      last,
    );
  }
  return fresh(
    seed,
    [`${Hi(name)}posso encerrar o atendimento ou ficou mais alguma coisa?`, `${Hi(name)}ficou tudo resolvido? Posso encerrar por aqui ou precisa de mais alguma coisa?`],
    last,
  );
}

/**
 * "Não" to "posso encerrar ou precisa de mais alguma coisa?": it may answer either half, so the chat
 * stays open and the contact hears how to end it or go on.
 */
export function keepOpenAck(seed: string, name: string | null, last: Said): string {
  return fresh(
    seed,
    [
      `Combinado${toName(name)}: deixo o atendimento aberto por enquanto. Se já estiver tudo certo, é só me dizer que eu encerro; se precisar de algo, é só escrever por aqui.`,
      `Tudo bem${toName(name)}, não encerro ainda. Quando terminar de testar, me conte como ficou: se estiver tudo certo, eu finalizo; se não, seguimos por aqui.`,
      `Certo${toName(name)}! A conversa fica aberta. Se estiver tudo resolvido, me avise que eu encerro; se surgir algo, o plantão segue à disposição por aqui.`,
    ],
    last,
  );
}

export function closingMessage(seed: string, name: string | null, h: Hours, last: Said): string {
  if (h.over) {
    return fresh(
      seed,
      [
        `${Hi(name)}como não houve novas mensagens, vou encerrar este atendimento. O plantão de hoje terminou às ${h.endsAt}, e o próximo período de atendimento começa ${h.next}. Agradecemos o contato!`,
        `${Hi(name)}vou finalizar nosso chat por aqui. O plantão de hoje já terminou às ${h.endsAt}; voltamos ${h.next}. Até mais!`,
      ],
      last,
    );
  }
  return fresh(
    seed,
    [
      `${Hi(name)}como não houve novas mensagens, vou encerrar este atendimento. O plantão atende até ${h.endsAt}, e o próximo período de atendimento começa ${h.next}. Agradecemos o contato!`,
      `${Hi(name)}vou finalizar nosso chat por aqui. Lembrando: o plantão vai até ${h.endsAt} e o próximo período de atendimento começa ${h.next}. Até mais!`,
      `${Hi(name)}encerrando o atendimento agora. Se precisar de novo, o plantão segue até ${h.endsAt}; depois, voltamos ${h.next}. Até logo!`,
    ],
    last,
  );
}

export function solvedMessage(seed: string, name: string | null, h: Hours, last: Said): string {
  if (h.over) {
    return fresh(
      seed,
      [
        `Que ótimo, ${Hi(name)}fico feliz que tenha resolvido! O plantão de hoje terminou às ${h.endsAt}, e o próximo período de atendimento começa ${h.next}. Vou encerrar este chat. Bom trabalho!`,
        `${Hi(name)}perfeito, resolvido então! O plantão de hoje já terminou às ${h.endsAt}; o próximo período começa ${h.next}. Encerrando por aqui, até mais!`,
      ],
      last,
    );
  }
  return fresh(
    seed,
    [
      `Que ótimo, ${Hi(name)}fico feliz que tenha resolvido! O plantão atende até ${h.endsAt}, e o próximo período de atendimento começa ${h.next}. Vou encerrar este chat. Bom trabalho!`,
      `${Hi(name)}perfeito, resolvido então! Lembrando: o plantão vai até ${h.endsAt}; o próximo período começa ${h.next}. Encerrando por aqui, até mais!`,
    ],
    last,
  );
}

/** `asked`: the day and time the customer asked for, when they named one (said back, never promised). */
export function scheduleAnswer(seed: string, name: string | null, topic: string, opening: string, last: Said, asked: string | null = null): string {
  const theirs = asked ? ` Leve a sua preferência (${asked}) ao setor, que eles confirmam se é possível.` : '';
  return fresh(
    seed,
    [
      `${Hi(name)}agendamentos de ${topic} não são feitos em fins de semana, feriados ou fora do horário comercial. Por favor, entre em contato com o setor responsável no próximo dia útil, ${opening}, que eles organizam com você.${theirs}`,
      `${Hi(name)}o agendamento de ${topic} é feito pelo setor responsável em horário comercial. Fale com ele no próximo dia útil, ${opening}, por favor.${theirs}`,
    ],
    last,
  );
}

/** Said after the scheduling answer when the same message also brings a problem, during a shift: a technician takes it. */
export function alsoAProblem(seed: string, problem: string): string {
  // Their words without the greeting or the wish they opened with ("boa tarde e feliz natal, o tef…").
  const words = problem
    .replace(/^(?:(?:oi|ol[aá]|opa|bom\s+dia|boa\s+tarde|boa\s+noite|feliz\s+\p{L}+(?:\s+\p{L}+)?|e)(?![\p{L}\d])[\s,!.]*)+/iu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const said = `“${truncate(words || problem.trim(), 100)}”`;
  return pick(seed, [`Sobre ${said}: o técnico do plantão já vai falar com você por aqui.`, `Já o que você contou (${said}), o plantão atende agora: um técnico já vai te responder aqui.`]);
}

/**
 * A reseller's customer, already sent to the reseller, writes again ("mas eles nao atendem no sabado", "alo???"): the
 * company still does not serve them, said once more with whom to call, and that the reseller was told.
 */
export function resellerAgain(seed: string, name: string | null, reseller: string, contact: { name: string; phone: string } | null, last: Said): string {
  const call = contact ? ` Tente de novo ${contact.name}, no ${formatPhone(contact.phone)}` : ' Procure de novo a equipe deles pelos canais de sempre';
  return fresh(
    seed,
    [
      `Entendo${toName(name)}. Como o atendimento da sua empresa é feito pela parceira ${reseller}, a nossa equipe não consegue te atender por aqui.${call}: eles já foram avisados do seu contato.`,
      `Sinto muito pela demora${toName(name)}. O suporte da sua empresa é com a ${reseller}, e nós já os avisamos do seu contato.${call}, por favor.`,
    ],
    last,
  );
}

export function resellerToCustomer(
  seed: string,
  name: string | null,
  reseller: string,
  contact: { name: string; phone: string } | null,
  last: Said,
): string {
  // "pela revenda Revenda Sul Sistemas" says it twice: a name that already says what it is goes alone.
  const byName = /^revenda\b/i.test(reseller.trim());
  const pela = byName ? `pela ${reseller}` : `pela revenda ${reseller}`;
  const parceira = byName ? `a ${reseller}, revenda parceira` : `a revenda parceira ${reseller}`;
  if (!contact) {
    return fresh(
      seed,
      [
        `${Hi(name)}vi aqui que o atendimento da sua empresa é feito ${pela}, nossa parceira na sua região. Procure a equipe deles pelos canais de sempre, que eles vão te ajudar.`,
        `${Hi(name)}quem atende a sua região é ${parceira}. Por favor, fale com a equipe deles pelos canais de sempre.`,
      ],
      last,
    );
  }
  const who = ` Fale com ${contact.name} pelo telefone ${formatPhone(contact.phone)}.`;
  return fresh(
    seed,
    [
      `${Hi(name)}vi aqui que o atendimento da sua empresa é feito ${pela}, nossa parceira na sua região.${who} Já avisei a equipe deles sobre o seu contato.`,
      `${Hi(name)}quem atende a sua região é ${parceira}.${who} Eles já foram avisados do seu contato e vão te ajudar!`,
    ],
    last,
  );
}

/**
 * A reseller's customer already sent to the reseller in this shift asks for something else the reseller also does (a
 * training, after the shift): said as such, not the whole first redirect again (found by an outside tester).
 */
export function resellerAlsoTheirs(seed: string, name: string | null, reseller: string, contact: { name: string; phone: string } | null, last: Said): string {
  const call = contact ? `${contact.name}, no ${formatPhone(contact.phone)}` : 'a equipe deles, pelos canais de sempre';
  return fresh(
    seed,
    [
      `${Hi(name)}esse pedido também fica com a ${reseller}: fale com ${call}, que eles cuidam disso com você.`,
      `Isso também é com a ${reseller}${toName(name)}. Procure ${call}, por favor.`,
    ],
    last,
  );
}

export function resellerNotice(
  contactName: string,
  customer: { code: string; name: string },
  /** E.164, or null when the chat did not carry one. */
  phone: string | null,
  requester: string | null,
  /** The customer's words, one line (src/flows/chat/reseller.ts `requestOf`), or null: only a greeting. */
  request: string | null,
  /** When the reseller was told of this customer before, on another day, as people read it. */
  before: string | null = null,
): string {
  const from = phone ? `pelo telefone ${formatPhone(phone)}` : 'pelo chat (sem telefone informado)';
  const asked = request ? ` O que pediu: “${request}”.` : ' Ainda não disse o motivo do contato.';
  const again = before ? ` O cliente já tinha nos procurado ${before}.` : '';
  return `Olá${toName(contactName)}! Aqui é o plantão. O cliente ${customer.code} (${customer.name}), atendido pela sua revenda, entrou em contato conosco ${from}.${requester ? ` Quem pediu atendimento: ${requester}.` : ''}${asked}${again} Por favor, retornem o contato para atendê-lo.`;
}

/**
 * The reseller's notice as template parameters (`KAROO_RESELLER_TEMPLATE`), in order: {{1}} the
 * reseller contact's first name, {{2}} the customer's code and name, {{3}} the phone that called
 * (as people read it), {{4}} who called, {{5}} what they asked for, in their words. Each made fit
 * for WhatsApp (one line, never empty).
 */
export function resellerNoticeParams(contactName: string, customer: { code: string; name: string }, phone: string | null, requester: string | null, request: string | null, before: string | null = null): string[] {
  // The template's last parameter, what they asked for, also says when they came to us before (the template has no other place).
  const again = before ? ` (já tinha nos procurado ${before})` : '';
  return [
    templateParam(firstName(contactName), contactName),
    templateParam(`${customer.code} (${customer.name})`, customer.code),
    templateParam(phone ? formatPhone(phone) : null, 'sem telefone informado'),
    templateParam(requester, 'não informado'),
    templateParam(request ? `“${request}”${again}` : before ? `ainda não disse o motivo${again}` : null, 'ainda não disse o motivo'),
  ];
}

/** A ticket of the technician's hint, as Bimer answered it. */
export interface HintTicket {
  protocolo: string;
  typeCode: string | null;
  subject: string | null;
  openedAt: string | null;
  open: boolean;
  text: string;
}

/** `2026-11-20T14:03:00` (Bimer's local date-time) → `20/11/2026`. */
function bimerDay(at: string | null): string | null {
  const m = at ? /^(\d{4})-(\d{2})-(\d{2})/.exec(at) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : null;
}

/**
 * To the technician on a plantão chat whose customer reports a hardware problem: the customer's
 * recent tickets from Bimer ("consulte nas OS antigas"), or why there are none to show.
 */
export function hardwareHint(
  seed: string,
  technician: string | null,
  chat: { number: number | null; contactName: string | null },
  customer: { code: string; name: string } | null,
  tickets: HintTicket[],
  days: number,
): string {
  const hello = pick(seed, [firstName(technician) ? `${firstName(technician)}, uma dica` : 'Uma dica', `Oi${toName(technician)}! Uma dica`]);
  const where = `sobre o chat${chat.number ? ` nº ${chat.number}` : ''}${inParens(chat.contactName)}`;
  const head = `${hello} ${where}: o cliente relatou um problema de hardware.`;
  if (!customer) return `${head} Não encontrei o cadastro deste cliente no Bimer (nem pelo código nem pelo telefone do chat), então não há OS antigas para consultar.`;
  if (tickets.length === 0) return `${head} ${customer.name} (${customer.code}) não tem atendimentos nos últimos ${days} dias no Bimer.`;
  const lines = tickets.map((t) => {
    const what = [t.typeCode, t.subject].filter(Boolean).join(', ');
    const day = bimerDay(t.openedAt);
    const text = truncate(t.text, 140);
    return `• ${t.protocolo}${what ? ` (${what})` : ''}${day ? `, aberto em ${day}` : ''}${t.open ? ', ainda em aberto' : ''}${text ? `: ${text}` : ''}`;
  });
  const intro = pick(seed, ['Vale consultar nas OS antigas', 'Consulte nas OS antigas, pode ser o mesmo problema']);
  return `${head} ${intro}: ${tickets.length === 1 ? 'o último atendimento' : `os últimos ${tickets.length} atendimentos`} de ${customer.name} (${customer.code}) nos últimos ${days} dias:\n${lines.join('\n')}`;
}
