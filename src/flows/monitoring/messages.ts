import type { BusinessCalendar } from '../../calendar/business-calendar.js';
import { templateParam } from '../../domain/whatsapp.js';
import { formatPhone } from '../../util/phone.js';
import { truncate } from '../../util/text.js';
import { capitalise, firstName, fresh, Hi, pick, quotedEnd, toName, type Said } from '../phrases.js';
import { backFromSeller, CODE_NAMES, customerRef, livePhone, WEEK_ORDINAL, protocolsSoFar, type Monitoring, type PlantaoNote, type WeekNo } from './model.js';

/** Everything the monitoring flow says to people, in Brazilian Portuguese, in several wordings. */

export const DEMAND_MENU = [
  '1) Dúvida — 000001',
  '2) Erro de operação (o cliente fez algo errado) — 000002',
  '3) Erro de sistema para o desenvolvimento (DSN) — 000003',
  '4) Erro de sistema resolvido pelo suporte (SUP) — 000025',
  '5) Apenas ok, sem demanda técnica',
].join('\n');

export function helpText(name: string): string {
  return [
    `${name ? `${name}, ` : ''}posso ajudar com o monitoramento pós-implantação (2266) e com as regras do plantão:`,
    '• pergunte com suas palavras, ex.: "o cliente não respondeu na 1ª semana, abro 000029?" ou "quanto paga o plantão?"',
    '• "finalizei a implantação do cliente 123" — registro o 2266 (e o RSP, se precisar)',
    '• "meus monitoramentos" — seus clientes em monitoramento, semana e próximo contato',
    '• "status 2026112300042" — a situação de um monitoramento pelo protocolo',
    '• "o vendedor retornou do cliente 123: ..." — retomar um monitoramento que estava com o vendedor',
    '• "cancelar" — deixar de lado a conversa em andamento',
  ].join('\n');
}

export function greeting(seed: string, name: string): string {
  const n = firstName(name);
  return pick(seed, [n ? `Oi, ${n}!` : 'Oi!', n ? `Olá, ${n}!` : 'Olá!', n ? `${n}, tudo bem?` : 'Tudo bem?']);
}

/** Whom the follow-up greets when no contact's name is known: everyone at the customer's. */
const NOBODY_NAMED = 'pessoal';

/** The contact's first name, when the follow-up goes to their number (the record's next number, tried after it, is someone else's). */
function greeted(m: Monitoring, phone?: string): string | null {
  return phone === undefined || phone === m.customer.phone ? firstName(m.contactName) : null;
}

export function customerFollowUp(seed: string, m: Monitoring, phone?: string): string {
  const agent = m.agent.name || 'a equipe de implantação';
  const week = WEEK_ORDINAL[m.week];
  const opt = 'Se preferir não receber estas mensagens, é só responder "não quero mais mensagens".';
  // The person, as the template greets them: the contact's first name when they have written, else everyone there
  // ("Olá, pessoal!": the customer's name as a greeting, then again as the place, read as a form letter).
  const who = greeted(m, phone) || NOBODY_NAMED;
  return pick(seed, [
    `Olá, ${who}! Aqui é ${agent}, da implantação do sistema. Passando para saber como está sendo a ${week} semana de uso em ${m.customer.name}: está tudo certo ou surgiu alguma dúvida ou problema? ${opt}`,
    `Oi, ${who}! ${agent} por aqui, da implantação de ${m.customer.name}. Como o sistema está se saindo nesta ${week} semana? Se tiver qualquer dúvida ou dificuldade, me conte que eu ajudo. ${opt}`,
    `Tudo bem, ${who}? Sou ${agent}, responsável pela implantação de ${m.customer.name}. Queria saber como estão as coisas com o sistema nesta ${week} semana — tudo funcionando ou algo precisa de atenção? ${opt}`,
  ]);
}

/**
 * The weekly follow-up's template parameters (`KAROO_FOLLOWUP_TEMPLATE`), in order: {{1}} the
 * contact's first name (as Karoo gave it when they last wrote; else "pessoal"),
 * {{2}} the customer's name in Bimer, {{3}} the implanter's name, {{4}} the week ("1ª"). Each made
 * fit for WhatsApp (one line, at most 1,024 characters, never empty).
 */
export function followUpParams(m: Monitoring, phone?: string): string[] {
  return [
    templateParam(greeted(m, phone), NOBODY_NAMED),
    templateParam(m.customer.name, 'cliente'),
    templateParam(m.agent.name, 'a equipe de implantação'),
    templateParam(WEEK_ORDINAL[m.week], '1ª'),
  ];
}

/**
 * Why a follow-up did not reach the customer, as the implanter reads it. `template`: the approved
 * template's name when one is configured; `form`: how the failed follow-up went out.
 */
export function notReachedReason(code: string | null, template: string | null, form: 'text' | 'template' | null = null): string {
  switch (code) {
    case 'not_on_whatsapp':
      return 'esse número não tem WhatsApp';
    case 'blocked':
      return 'o cliente bloqueou o contato da empresa no WhatsApp';
    case 'outside_window':
      // Only what is known: WhatsApp judged the 24-hour window closed; a template refused so is WhatsApp's doing, not a missing one.
      if (form === 'template') return `o WhatsApp recusou até o modelo de mensagem aprovado${template ? ` "${template}"` : ''}, alegando a janela de 24 horas`;
      return `para o WhatsApp, a janela de 24 horas desde a última mensagem do cliente estava fechada, e fora dela só se envia um modelo de mensagem aprovado${template ? '' : ' (não há um configurado)'}`;
    case 'template_not_approved':
      return `o modelo de mensagem${template ? ` "${template}"` : ''} não está aprovado no Karoo (o suporte do sistema já foi avisado)`;
    case 'undeliverable':
      return 'o WhatsApp não conseguiu entregar a mensagem';
    default:
      return 'o Karoo recusou a mensagem';
  }
}

/**
 * The numbers WhatsApp said reach nobody, but `except`, as people read it: "o (21) 99999-0001
 * não tem WhatsApp" (learnt this week), "…, como se viu na 1ª semana" (an earlier one); '' when none.
 */
export function deadPhonesSaid(m: Pick<Monitoring, 'deadPhones' | 'week'>, except: string | null = null): string {
  return Object.entries(m.deadPhones ?? {})
    .filter(([phone]) => phone !== except)
    .map(([phone, d]) => {
      const what = d.error === 'blocked' ? `o cliente bloqueou o contato da empresa no ${formatPhone(phone)}` : `o ${formatPhone(phone)} não tem WhatsApp`;
      return d.week === m.week ? what : `${what}, como se viu na ${WEEK_ORDINAL[d.week]} semana`;
    })
    .join('; ');
}

/** The implanter is told at once that the week's follow-up did not reach the customer. */
export function followUpNotReached(m: Monitoring, phone: string, reason: string, next: string | null): string {
  const then = next
    ? `Vou tentar o outro número do cadastro, ${formatPhone(next)}; se também não der certo, te aviso.`
    : 'Fale com o cliente por telefone ou por outro canal, por favor; o contato da semana segue com você.';
  return `Não consegui alcançar ${customerRef(m)} com a mensagem de acompanhamento da ${WEEK_ORDINAL[m.week]} semana no ${formatPhone(phone)}: ${reason}. ${then}`;
}

/**
 * WhatsApp reported the follow-up delivered or read after it had reported it failed (statuses
 * arrive late and out of order): the implanter, told it had not arrived, hears that it did.
 */
export function followUpReachedAfterAll(seed: string, m: Monitoring, phone: string, state: 'delivered' | 'read'): string {
  const got = state === 'read' ? 'foi lida' : 'foi entregue';
  const where = `a mensagem de acompanhamento da ${WEEK_ORDINAL[m.week]} semana para ${customerRef(m)} no ${formatPhone(phone)}`;
  return pick(seed, [
    `Correção: ${where} ${got}, afinal — o WhatsApp mandou o aviso de falha antes da confirmação. Se ${firstName(m.contactName) || 'o cliente'} responder, te aviso.`,
    `Desconsidere o aviso de que não chegou: ${where} ${got}; o WhatsApp só confirmou depois. Se houver resposta, te passo na hora.`,
  ]);
}

/** Who writes, for a customer who asks ("quem é?") after an automatic message from a number they do not know. */
export function whoWrites(seed: string, agent: string, customer: string): string {
  const who = agent || 'a equipe de implantação';
  return pick(seed, [
    `Aqui é ${who}, da implantação do sistema em ${customer}: a mensagem era o acompanhamento das primeiras semanas de uso.`,
    `Quem escreve é ${who}, responsável pela implantação do sistema em ${customer}; estou acompanhando as primeiras semanas de uso.`,
  ]);
}

/** The follow-up's question again, after saying who writes, when the customer asked only that. */
export function howIsItGoing(seed: string, name: string | null): string {
  const n = firstName(name);
  return pick(seed, [
    `Como está o sistema por aí${n ? `, ${n}` : ''}: tudo certo, ou surgiu alguma dúvida ou problema?`,
    `${n ? `${n}, está` : 'Está'} tudo funcionando bem, ou tem algo em que eu possa ajudar?`,
  ]);
}

/**
 * The answer to a customer who wrote in the follow-up's chat, in the implanter's own voice (the
 * follow-up was signed by them, and they are told at once): thanks for an "all fine", a promise to
 * come back for a problem (at the next opening when the team is off: `next`), both halves of an
 * "all fine, but…", and the end of the messages on an opt-out. Never the text the chat got last.
 */
export function relayReply(seed: string, name: string | null, reply: { kind: 'ok' | 'issue' | 'optout'; allFineBut: boolean; next: string | null; team?: boolean }, last: Said): string {
  const n = firstName(name);
  // During a plantão shift the team answers: nothing is said in the name of the implanter, off duty.
  if (reply.kind === 'optout' && reply.team) {
    return fresh(
      seed,
      [
        `${Hi(name)}combinado: as mensagens automáticas de acompanhamento param por aqui. Se precisar de algo, é só escrever que o plantão responde.`,
        `Tudo bem${n ? `, ${n}` : ''}: não enviamos mais as mensagens de acompanhamento. Qualquer coisa, o plantão segue por aqui.`,
      ],
      last,
    );
  }
  if (reply.kind === 'optout') {
    return fresh(seed, [`${Hi(name)}tudo bem: não envio mais mensagens automáticas de acompanhamento. Se precisar de algo, é só me chamar por aqui.`, `Combinado${n ? `, ${n}` : ''}! Não envio mais mensagens de acompanhamento. Qualquer coisa, estou por aqui.`], last);
  }
  if (reply.kind === 'ok') {
    return fresh(
      seed,
      [
        `Que ótimo saber${n ? `, ${n}` : ''}! Agradeço o retorno. Qualquer coisa, é só me chamar por aqui.`,
        `${Hi(name)}fico feliz que esteja tudo certo! Agradeço por responder.`,
        `Obrigado pelo retorno${n ? `, ${n}` : ''}! Bom saber que está tudo funcionando.`,
      ],
      last,
    );
  }
  const head = reply.allFineBut
    ? pick(seed, [`Que bom que no geral está tudo certo${n ? `, ${n}` : ''}!`, capitalise(`${Hi(name)}bom saber que o resto está funcionando!`)])
    : // A problem is not thanked for as news ("agradeço por me contar!" to "a nota não sai").
      pick(seed, [capitalise(`${Hi(name)}sinto muito pelo transtorno!`), `Entendi${n ? `, ${n}` : ''}, obrigado por avisar.`, `Poxa${n ? `, ${n}` : ''}, que pena que isso aconteceu!`]);
  // Said once: "bom saber que o resto está funcionando! Sobre o que não está funcionando" read twice.
  const then = (rest: string): string => `${head} ${reply.allFineBut ? `Sobre o que ainda dá problema, ${rest}` : capitalise(rest)}`;
  if (reply.next) {
    return fresh(seed, [then(`estamos fora do horário de atendimento agora: retomo com você ${reply.next}.`), then(`já anotei aqui; como nosso horário de atendimento acabou, falo com você ${reply.next}.`)], last);
  }
  return fresh(
    seed,
    [
      then('já vi sua mensagem e falo com você em breve para resolvermos.'),
      then('vou olhar isso agora e te retorno em breve.'),
      then('anotei tudo e entro em contato com você ainda hoje, se possível, para vermos isso juntos.'),
      then('pode deixar que vou verificar e te chamo por aqui assim que tiver uma resposta.'),
    ],
    last,
  );
}

/**
 * What the agent is told when the customer's Bimer record has no phone the bot can write to:
 * which record, what was read, and that it is checked again before each week's contact.
 */
export function phoneProblem(m: Pick<Monitoring, 'customer'>): string {
  const read = m.customer.invalidPhones?.length ? ` (está ${m.customer.invalidPhones.map((p) => `"${p}"`).join(', ')})` : ' (o campo está vazio)';
  return `O cadastro de ${customerRef(m)} no Bimer não tem um telefone válido para a mensagem de acompanhamento${read}. Corrija os Telefones desse cliente no Bimer, de preferência com o celular (WhatsApp) e DDD, como (21) 99999-0001; eu confiro de novo antes de cada contato semanal.`;
}

/** One thing the customer told the plantão (or wrote out of hours), as quoted to people: when, then their words. */
export function quotedNote(n: PlantaoNote, cal: BusinessCalendar, label = ''): string {
  return `${cal.describe(new Date(n.at))}${label}: "${truncate(n.text.replace(/\s+/g, ' ').trim(), 280)}"`;
}

/**
 * The customer's messages to the plantão since the last week, as the implanter reads them at the
 * check-in (`onlyNew`: those not shown yet, for a reminder).
 */
function plantaoLines(m: Monitoring, cal: BusinessCalendar, onlyNew = false): string[] {
  // The answer to the follow-up, when the plantão took it, is told with the answer itself.
  const notes = (m.plantaoNotes ?? []).filter((n) => !(m.customerReply?.during === 'plantao' && n.at === m.customerReply.at) && !(onlyNew && n.told));
  if (notes.length === 0) return [];
  const plantao = notes.filter((n) => n.during !== 'after-hours').length;
  const mixed = plantao > 0 && plantao < notes.length;
  // A weekday night had no plantão before it (found by an outside tester: "31/12 às 18:59 (depois do plantão)").
  const afterHours = (n: PlantaoNote) => (cal.isBusinessDay(new Date(n.at)) ? ' (fora do expediente)' : ' (depois do plantão)');
  const said = notes.map((n) => quotedNote(n, cal, mixed ? (n.during === 'after-hours' ? afterHours(n) : ' (no plantão)') : '')).join('; ');
  // What they wrote last, the answer to the follow-up included (told apart, but it may be the later one).
  const reply = m.customerReply?.during === 'plantao' ? m.customerReply : null;
  const last = notes.at(-1);
  const fine = (reply && last && reply.at > last.at ? reply.kind : last?.kind) === 'ok';
  const who = plantao === notes.length ? 'falou com o plantão' : plantao === 0 ? 'nos escreveu' : 'falou com o plantão e também nos escreveu';
  // Left for the next business day by the plantão: never "vale perguntar se ficou resolvido" of a problem nobody solved.
  const after = m.plantaoPending
    ? `${leftPendingSaid(m.plantaoPending)}; vale falar com ele o quanto antes.`
    : fine
      ? 'Pelo que escreveu por último, ficou resolvido; vale confirmar no contato.'
      : 'Vale perguntar no contato se ficou resolvido.';
  return [`Fora do expediente, o cliente ${who} — ${said}. ${after}`];
}

/**
 * The plantão left a monitored customer's problem for the next business day: the implanter hears of it at the opening,
 * with what the customer told the plantão (`said`, quoted).
 */
export function pendingNews(m: Monitoring, pending: PlantaoPending, said: string[]): string {
  const told = said.length > 0 ? ` — ${said.join('; ')}` : '';
  return `${capitalise(customerRef(m))} falou com o plantão${told}. ${leftPendingSaid(pending)}, e a pendência foi para a gestão do setor, que designa um técnico. Como o monitoramento é seu, vale falar com o cliente hoje.`;
}

type PlantaoPending = NonNullable<Monitoring['plantaoPending']>;

/** How the plantão left the problem, as the implanter reads it. */
function leftPendingSaid(p: PlantaoPending): string {
  return p.unanswered ? 'Ninguém do plantão chegou a responder: o atendimento ficou pendente para o próximo dia útil' : `O técnico do plantão deixou o atendimento pendente: "${truncate(p.reason, 200)}"`;
}

export function checkinPrompt(seed: string, m: Monitoring, cal: BusinessCalendar, template: string | null = null): string {
  const lines = [
    m.early
      ? `${greeting(seed, m.agent.name)} Vamos adiantar o contato da ${WEEK_ORDINAL[m.week]} semana do monitoramento de ${customerRef(m)}, previsto para ${cal.describe(new Date(m.dueAt))}.`
      : `${greeting(seed, m.agent.name)} É hora do contato da ${WEEK_ORDINAL[m.week]} semana do monitoramento de ${customerRef(m)}.`,
    m.erasedAt ? `2266: protocolo ${m.ticket.protocolo} (o parecer está no Bimer).` : `2266: protocolo ${m.ticket.protocolo}. Parecer: ${m.parecer}`,
    `Protocolos até agora: ${protocolsSoFar(m).join(' · ')}.`,
  ];
  lines.push(...plantaoLines(m, cal));
  const reply = m.customerReply;
  const where = reply?.during === 'plantao' ? ` no plantão (${cal.describe(new Date(reply.at))}, atendido pela equipe de plantão)` : '';
  if (reply?.kind === 'ok') {
    lines.push(`O cliente respondeu à minha mensagem${where}: "${reply.text}" — parece que está tudo bem, e isso conta como contato feito.`);
    lines.push(`Confirma? Responda "sim" para eu registrar como contato sem demanda técnica, "sim, com demanda" se houve dúvida ou erro, ou "não" se não houve contato.`);
  } else if (m.week === 1 && m.sellerReturn) {
    lines.push(`${m.seller ? 'O vendedor deu retorno' : 'Chegou o retorno que esperávamos (o cliente não tem vendedor)'} (${cal.describe(new Date(m.sellerReturn.at))}): ${quotedEnd(m.sellerReturn.note)}`);
    lines.push('Depois do seu contato com o cliente, me diga: conseguiu falar com ele? (sim/não)');
  } else if (reply?.kind === 'issue') {
    // …solved on the plantão after, by what the customer wrote last (said with the plantão's lines above): confirmed, not chased.
    const last = (m.plantaoNotes ?? []).at(-1);
    const solvedAfter = reply.during === 'plantao' && last?.kind === 'ok' && last.at > reply.at;
    lines.push(`O cliente escreveu${where}: ${quotedEnd(reply.text)} ${solvedAfter ? 'O plantão atendeu, e pelo que ele escreveu depois ficou resolvido; vale confirmar no contato.' : 'Vale falar com ele o quanto antes.'}`);
    lines.push('Depois do contato, me diga: conseguiu falar com o cliente? (sim/não)');
  } else if (reply?.kind === 'none' && m.followUp?.week === m.week && m.followUp.state === 'failed') {
    lines.push(`Não consegui alcançar o cliente pelo WhatsApp nesta semana no ${formatPhone(m.followUp.phone)}: ${notReachedReason(m.followUp.error, template, m.followUp.form)}. Que tal tentar por telefone?`);
    lines.push('Depois da tentativa, me diga: conseguiu falar com o cliente? (sim/não)');
  } else if (m.erasedAt) {
    lines.push('Os dados de contato deste cliente foram apagados do bot a pedido (LGPD), então não mando mais mensagens automáticas: o contato desta semana é por telefone.');
    lines.push('Depois da ligação, me diga: conseguiu falar com o cliente? (sim/não)');
  } else if (m.optOut) {
    // The customer answered, asking for no more automatic messages: the contact is by phone, not "he has not answered".
    lines.push(
      m.followUp?.week === m.week
        ? 'O cliente respondeu ao acompanhamento desta semana pedindo para não receber mais mensagens automáticas: o contato desta semana é por telefone, e o dos próximos também.'
        : 'O cliente pediu para não receber mais mensagens automáticas, então não mandei o acompanhamento: o contato desta semana é por telefone.',
    );
    lines.push('Depois da ligação, me diga: conseguiu falar com o cliente? (sim/não)');
  } else if (reply?.kind === 'none') {
    // Sent to another number because one has no WhatsApp (this week or an earlier one): said, so the call does not go to that one.
    const f = m.followUp?.week === m.week ? m.followUp : null;
    const skipped = f ? deadPhonesSaid(m, f.phone) : '';
    lines.push(
      skipped && f
        ? `Mandei mensagem para o cliente no ${formatPhone(f.phone)} (${skipped}), mas ele ainda não respondeu. Que tal tentar por telefone?`
        : 'Mandei mensagem para o cliente, mas ele ainda não respondeu. Que tal tentar por telefone?',
    );
    lines.push('Depois da tentativa, me diga: conseguiu falar com o cliente? (sim/não)');
  } else {
    if (!m.customer.phone) lines.push(`Não mandei mensagem ao cliente. ${phoneProblem(m)}`);
    // Every number of the record reaches nobody on WhatsApp: not written to again, and said why.
    // A problem the plantão left pending: no automatic "está tudo certo?" to a customer waiting for an answer.
    else if (m.plantaoPending && !m.optOut) lines.push('Não mandei a mensagem automática desta semana: com o problema que o plantão deixou pendente, o melhor é você ligar para o cliente.');
    else if (!m.optOut && !livePhone(m)) lines.push(`Não mandei a mensagem de acompanhamento desta semana: ${deadPhonesSaid(m)}, e o cadastro não tem outro número. Que tal ligar? Se o cliente tiver outro celular, corrija o telefone no Bimer, que eu uso o novo a partir da próxima semana.`);
    lines.push('Você conseguiu falar com o cliente nesta semana? (sim/não)');
  }
  return lines.join('\n');
}

/** Several demands chosen for one contact (`options`: the menu numbers named, or none): the main one is asked; the description keeps the rest. */
export function oneDemandPerContact(options: number[]): string {
  const lines = DEMAND_MENU.split('\n');
  const named = options.map((n) => lines[n - 1]).filter((l): l is string => Boolean(l));
  const which = named.length > 1 ? `${named.slice(0, -1).join(', ')} ou ${named.at(-1) ?? ''}` : 'qual do menu';
  return `Um contato gera um atendimento só, vinculado ao 2266: qual foi a demanda principal, ${which}? Responda com o número; a outra fica citada no resumo.`;
}

/** `about`: the customer, named when other check-ins wait too (found by an outside tester: with two open, the answer's customer was unsaid). */
export function demandQuestion(seed: string, about: string | null = null): string {
  const of = about ? ` com ${about}` : '';
  return `${pick(seed, [`Ótimo! Qual foi a demanda do contato${of}?`, `Beleza! Como classifico esse contato${of}?`, `Perfeito. Qual foi o assunto do contato${of}?`])}\n${DEMAND_MENU}\nPode responder com o número ou com suas palavras.`;
}

export function summaryQuestion(seed: string, code: string): string {
  return pick(seed, [
    `Anotado: ${code} (${CODE_NAMES[code] ?? 'atendimento'}). Resuma o contato em uma frase — ou, se você já abriu o atendimento, me passe o protocolo.`,
    `Certo, ${code} (${CODE_NAMES[code] ?? 'atendimento'}). Me conte em poucas palavras o que foi tratado, ou informe o protocolo do atendimento que você já abriu.`,
  ]);
}

export function weekRecorded(seed: string, m: Monitoring, week: WeekNo, cal: BusinessCalendar, extra: string): string {
  const r = m.weeks[week];
  const head = pick(seed, ['Registrado!', 'Pronto, registrei.', 'Feito!']);
  // After an erasure the bot no longer writes the 2266's text: the line is the one given to the implanter to add by hand.
  const line = !r ? '' : m.erasedAt ? `A ${WEEK_ORDINAL[week]} semana ficou registrada comigo: (x) ${r.note}.` : `Linha da ${WEEK_ORDINAL[week]} semana no 2266 ${m.ticket.protocolo}: (x) ${r.note}.`;
  const next = m.phase === 'scheduled' ? ` Próximo contato: ${cal.describe(new Date(m.dueAt))}; deleguei o 2266 para você nessa data.` : '';
  return `${head} ${line}${next}${extra ? ` ${extra}` : ''}`;
}

export function listMonitorings(name: string, monitorings: Monitoring[], cal: BusinessCalendar): string {
  if (monitorings.length === 0) return `${name ? `${name}, ` : ''}você não tem monitoramentos em andamento.`;
  const phaseText: Record<Monitoring['phase'], string> = {
    scheduled: 'aguardando o dia do contato',
    customer_wait: 'aguardando resposta do cliente',
    agent_checkin: 'aguardando você me contar o contato',
    recording: 'registrando no Bimer',
    seller_wait: 'com o vendedor (sem contato na 1ª semana)',
    done: 'encerrado',
  };
  const rows = monitorings.map((m) => {
    const next = m.phase === 'scheduled' ? `; próximo contato ${cal.describe(new Date(m.dueAt))}` : m.phase === 'seller_wait' && !m.seller ? '; o cliente não tem vendedor no Bimer' : '';
    return `• ${customerRef(m)} — ${WEEK_ORDINAL[m.week]} semana, ${phaseText[m.phase]}${next}. Protocolos: ${protocolsSoFar(m).join(', ')}`;
  });
  return [`Seus monitoramentos em andamento (${monitorings.length}):`, ...rows].join('\n');
}

/** The agent went looking for the protocol of the ticket they opened: the step waits, and says how to go on. */
export function stillLooking(code: string, summary: string | undefined): string {
  return `Sem pressa: quando achar o protocolo do ${code}, é só me mandar aqui${summary ? `; se preferir, responda "abre você" que eu abro o ${code} com o seu resumo` : ''}.`;
}

/**
 * The n-th reminder (1-based) of a check-in the agent has not answered: it says since when the
 * week's contact is pending, what a "não" leads to in that week, and, at the last one, that the
 * bot stops insisting. No two reminders of a week read the same.
 */
export function checkinReminder(seed: string, m: Monitoring, n: number, max: number, cal: BusinessCalendar, step: HalfWay | null = null): string {
  // What the customer told the plantão since the check-in was asked: the implanter reads it with the reminder.
  return [step ? halfWayLine(m, n, max, cal, step) : reminderLine(seed, m, n, max, cal), ...plantaoLines(m, cal, true)].join('\n');
}

/** A check-in answered half-way: the step still open (the demand, or the summary of the ticket `code`). */
export interface HalfWay {
  kind: 'checkin.demand' | 'checkin.summary';
  code: string | null;
}

/** The reminder of a check-in left half-way: what is missing, never the contact question again. */
function halfWayLine(m: Monitoring, n: number, max: number, cal: BusinessCalendar, step: HalfWay): string {
  const who = customerRef(m);
  const since = cal.describeDay(new Date(m.dueAt));
  const missing =
    step.kind === 'checkin.demand'
      ? `falta só dizer qual foi a demanda do contato:\n${DEMAND_MENU}`
      : `falta só o resumo do ${step.code ?? 'atendimento'}: me conte em poucas palavras o que foi tratado, ou mande o protocolo do atendimento que você já abriu.`;
  const last = n >= max ? ' Depois deste lembrete eu não insisto mais.' : '';
  return `${n >= max ? 'Último lembrete' : 'Lembrete'}${toName(m.agent.name)}: o registro do contato da ${WEEK_ORDINAL[m.week]} semana de ${who} (previsto para ${since}) ficou pela metade; ${missing}${last} Se afinal não houve contato, responda "não houve contato".`;
}

function reminderLine(seed: string, m: Monitoring, n: number, max: number, cal: BusinessCalendar): string {
  const who = customerRef(m);
  const week = `${WEEK_ORDINAL[m.week]} semana`;
  const since = cal.describeDay(new Date(m.dueAt));
  const ask = 'Conseguiu falar com o cliente? (sim/não)';
  const hi = Hi(m.agent.name);
  // The customer wrote back to the follow-up: a "não" is the implanter not reaching them after it, said as such (found by an outside tester).
  const answered = m.customerReply && m.customerReply.kind !== 'none' ? ' O cliente respondeu ao acompanhamento:' : '';
  const couldNot = answered ? 'se mesmo assim você não conseguiu falar com ele' : 'se não conseguiu';
  const ifNot =
    m.week === 1 && backFromSeller(m)
      ? `${couldNot} de novo, responda "não" que eu registro a 1ª semana sem contato, com o retorno ${m.seller ? 'do vendedor' : 'recebido'}, e sigo para a 2ª`
      : m.week === 1 && !m.seller
        ? `${couldNot}, responda "não": na 1ª semana não se abre 000029, e como o cliente não tem vendedor responsável no Bimer, o caso vai para a sua supervisão`
        : m.week === 1
          ? `${couldNot}, responda "não" que eu passo o 2266 ao vendedor responsável, como manda a regra da 1ª semana`
          : `${couldNot}, responda "não" que eu registro a tentativa num 000029 vinculado ao 2266`;
  if (n >= max) {
    return `Último lembrete${toName(m.agent.name)}: o contato da ${week} de ${who} segue sem registro desde ${since}. ${ask} Depois deste eu não insisto mais — quando tiver a resposta, é só me escrever aqui.`;
  }
  if (n === 1) {
    return pick(seed, [
      `Lembrete: ainda falta registrar o contato da ${week} de ${who}, previsto para ${since}. ${ask}`,
      capitalise(`${hi}o contato da ${week} de ${who} ficou pendente desde ${since}. ${ask}`),
    ]);
  }
  // The two wordings take turns, so two reminders in a row never read the same.
  const wordings = [
    `Lembrete (${n}º): o contato da ${week} de ${who} está sem registro desde ${since}.${answered ? `${answered} se já falou com ele` : ' Se já falou com o cliente'}, me conte como foi; ${ifNot}.`,
    capitalise(`${hi}o contato da ${week} de ${who} continua pendente desde ${since} (${n}º lembrete).${answered ? `${answered} ${ifNot}` : ` ${capitalise(ifNot)}`}; se falou, me diga como foi.`),
  ];
  return wordings[n % 2] as string;
}

/** The n-th reminder that a monitoring waits for the salesperson's return (scenario B), each worded by how long it has waited. */
export function sellerReminder(seed: string, m: Monitoring, n: number, cal: BusinessCalendar): string {
  const who = customerRef(m);
  const handedAt = m.sellerHandOverAt ?? m.noSellerAt;
  const since = handedAt ? ` desde ${cal.describeDay(new Date(handedAt))}` : ' desde a 1ª semana';
  if (!m.seller) {
    // No salesperson: the words to say name none ("o vendedor retornou" read oddly: found by an outside tester).
    const how = `Quando a supervisão (ou quem falar com o cliente) der retorno, me diga: "retorno do cliente ${m.customer.code}: …"; se você mesmo falar com ele, me conte como foi.`;
    return n === 1
      ? `Lembrete: o monitoramento de ${who} está parado na 1ª semana${since}, sem contato e sem vendedor responsável no Bimer. ${how}`
      : `Lembrete (${n}º): ${who} continua sem contato e sem vendedor responsável no Bimer${since}; vale cobrar a sua supervisão. ${how}`;
  }
  const seller = m.seller?.name ? ` (${m.seller.name})` : '';
  const how = `Quando ele der retorno, me diga: "o vendedor retornou do cliente ${m.customer.code}: …".`;
  if (n === 1) return `Lembrete: o monitoramento de ${who} segue com o vendedor${seller}${since}. ${how}`;
  return pick(seed, [
    `Lembrete (${n}º): o monitoramento de ${who} continua com o vendedor${seller}${since}, sem retorno até agora. ${how}`,
    capitalise(`${Hi(m.agent.name)}ainda sem retorno do vendedor${seller} sobre ${who}, que está com ele${since} (${n}º lembrete). Vale cobrar dele. ${how}`),
  ]);
}
