import { describe, expect, it } from 'vitest';
import type { BimerOp, BimerOpResult } from '../../../src/domain/bimer-ops.js';
import { playChat } from '../../helpers/chat-table.js';

/** A reseller's customer on the plantão (src/flows/chat/reseller.ts). */
const served = (op: BimerOp): BimerOpResult =>
  op.op === 'lookupReseller'
    ? { customer: { code: '000777', name: 'Mercado Bom Preço' }, reseller: { name: 'Revenda Sul Sistemas', contact: { name: 'Carlos Souza', phone: '+5551933334444' } } }
    : { done: true };

describe('chat dialog: a reseller\'s customer', () => {
  it('tells the customer who serves them, and tells the reseller, each once', () => {
    const effects = playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre', sends: [['Revenda Sul Sistemas', 'Carlos Souza', '(51) 93333-4444']] },
          // Answered once more (the reseller is not told twice).
          { at: '2026-11-21T10:01:00', contact: 'alguém aí?', sends: [['Revenda Sul Sistemas', 'Carlos Souza']] },
        ],
      },
      served,
    );
    const toReseller = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []));
    expect(toReseller.map((e) => e.to)).toEqual([{ phone: '+5551933334444' }]);
    expect(toReseller[0]?.text).toContain('000777');
    expect(toReseller[0]?.text).toContain('(11) 98877-6655');
  });

  // Found by an outside tester (2026-12-07): "agendamentos de treinamento não são feitos… entre em contato com o setor
  // responsável no próximo dia útil", then the reseller: the company does not serve a reseller's customers.
  it("a reseller's customer asking to schedule gets the reseller only, never the company's next opening", () => {
    playChat(
      {
        department: 'suporte',
        rows: [{ at: '2026-11-21T10:00:00', contact: 'aqui e o Jorge, preciso agendar treinamento hj', sends: [['Revenda Sul Sistemas', 'Carlos Souza']], lacks: ['setor responsável', 'agendamentos'] }],
      },
      served,
    );
  });

  // Found by an outside tester (2026-12-07, later): redirected at 10:00, the same customer's training request at 15:56 got
  // "…entre em contato com o setor responsável no próximo dia útil".
  it("a reseller's customer asking to schedule after the redirect is sent to the reseller again", () => {
    playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre', sends: [['Revenda Sul Sistemas']] },
          { at: '2026-11-21T15:56:00', contact: 'quero agendar um treinamento pra minha funcionaria', sends: [['Revenda Sul Sistemas']], lacks: ['setor responsável', 'agendamentos'] },
        ],
      },
      served,
    );
  });

  // Found by an outside tester (2026-12-08): the customer was told again "já avisei a equipe deles sobre o seu contato" of a
  // training request the reseller never heard of.
  it('a new request after the redirect reaches the reseller too, once a shift', () => {
    const effects = playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'bom dia, a balanca parou de pesar', sends: [['Revenda Sul Sistemas']] },
          // …and the customer is told this one is theirs too, not the whole first redirect again.
          { at: '2026-11-21T10:10:00', contact: 'e outra coisa, queria agendar um treinamento pra operadora nova, pode ser segunda?', sends: [['Revenda Sul Sistemas', 'Carlos Souza']], lacks: ['vi aqui que', 'quem atende a sua região'] },
          { at: '2026-11-21T10:12:00', contact: 'alguem ai?', sends: [['Revenda Sul Sistemas']] },
          { at: '2026-11-21T10:20:00', contact: 'e a impressora tb nao imprime' },
        ],
      },
      served,
    );
    const toReseller = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e.text] : []));
    expect(toReseller).toHaveLength(2);
    expect(toReseller[0]).toContain('balanca parou de pesar');
    expect(toReseller[1]).toContain('agendar um treinamento');
  });

  // Found by an outside tester (2026-12-07, later): a Friday-night training request was sent to the company's sector; a
  // Friday-night problem was promised Saturday's plantão, and the reseller heard nothing until the customer wrote again.
  it("out of hours, a reseller's customer is sent to the reseller too: a scheduling request, and a problem the plantão would see", () => {
    const schedule = playChat(
      {
        department: 'suporte',
        rows: [{ at: '2026-11-19T21:08:00', contact: 'boa noite, quero agendar treinamento amanha', sends: [['Revenda Sul Sistemas', 'Carlos Souza']], lacks: ['setor responsável', 'agendamentos'] }],
      },
      served,
    );
    expect(schedule.filter((e) => e.type === 'karoo.proactive').map((e) => e.to)).toEqual([{ phone: '+5551933334444' }]);
    const problem = playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-19T20:04:00', contact: 'boa noite o sistema nao abre', sends: [['Revenda Sul Sistemas', 'Carlos Souza']], lacks: ['plantão começa'] },
          // Friday is the holiday's shift: nothing waits for it, no check-in comes.
          { at: '2026-11-20T09:00:00' },
        ],
      },
      served,
    );
    expect(problem.filter((e) => e.type === 'karoo.proactive').map((e) => e.to)).toEqual([{ phone: '+5551933334444' }]);
  });

  it('out of hours, the company\'s own customer looked up is told when the plantão begins, as before', () => {
    playChat({
      department: 'suporte',
      rows: [
        { at: '2026-11-19T20:04:00', contact: 'boa noite o sistema nao abre', sends: [['plantão começa']] },
        { at: '2026-11-20T08:30:00', sends: [['plantão']] },
      ],
    });
  });

  // Found by an outside tester (2026-12-07, later): after the redirect, "mas eu queria falar com vcs…" and "alo???" went unanswered.
  it("a reseller's customer who writes again after the redirect is answered once more, with whom to call", () => {
    playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre', sends: [['Revenda Sul Sistemas']] },
          { at: '2026-11-21T10:05:00', contact: 'mas eu queria falar com vcs mesmo, eles nao atendem no sabado', sends: [['Revenda Sul Sistemas', 'Carlos Souza', '(51) 93333-4444']], lacks: ['vi aqui que'] },
          { at: '2026-11-21T10:06:00', contact: 'alo??? ninguem vai me ajudar? o caixa ta parado' },
          { at: '2026-11-21T10:07:00', contact: 'ok obrigada' },
        ],
      },
      served,
    );
  });

  // Found by outside testers (2026-12-07): after a bare "oi", the reseller read "ainda não disse o motivo" and never the reason.
  it('the reseller told of a bare "oi" is told the reason the customer gives next, once; the customer is not redirected twice', () => {
    const effects = playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'oi', sends: [['Revenda Sul Sistemas']] },
          { at: '2026-11-21T10:01:00', contact: 'o sistema ta pedindo liberacao de licenca e nao deixa vender, to com fila no caixa', sends: [['Revenda Sul Sistemas']], lacks: ['vi aqui que'] },
          { at: '2026-11-21T10:03:00', contact: 'e tambem a impressora nao imprime' },
        ],
      },
      served,
    );
    const toReseller = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e.text] : []));
    expect(toReseller).toHaveLength(2);
    expect(toReseller[0]).toContain('Ainda não disse o motivo do contato');
    expect(toReseller[1]).toContain('liberacao de licenca');
  });

  // Found in the sandbox: "feito pela revenda Revenda Sul Sistemas".
  it.each([
    ['Revenda Sul Sistemas', 'Revenda Sul Sistemas'],
    ['Alfa Informática', 'revenda Alfa Informática'],
  ])('names the reseller %s once, as "%s"', (reseller, said) => {
    const effects = playChat(
      { department: 'suporte', rows: [{ at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre', sends: [['Carlos Souza']] }] },
      (op) => (op.op === 'lookupReseller' ? { customer: { code: '000777', name: 'Mercado Bom Preço' }, reseller: { name: reseller, contact: { name: 'Carlos Souza', phone: '+5551933334444' } } } : { done: true }),
    );
    const told = effects.flatMap((e) => (e.type === 'karoo.sendMessage' ? [e.text] : [])).join(' ');
    expect(told).toContain(said);
    expect(told).not.toMatch(/revenda revenda|revenda parceira revenda/i);
  });

  // Found by an outside tester: after the redirect, a "tudo certo? sigo por aqui" every 30 minutes and
  // "ainda temos 30 minutos para te ajudar" promised help the company does not give; back on another
  // shift (or the same evening) the customer was neither sent to the reseller again nor was the reseller told.
  it('promises no help after the redirect: no check-ins, no end-of-shift notice; told again on another shift and after it', () => {
    const effects = playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre', sends: [['Revenda Sul Sistemas']] },
          { at: '2026-11-21T11:00:00' },
          { at: '2026-11-21T17:45:00' },
          { at: '2026-11-21T18:20:00', contact: 'o carlos nao atende, o pdv continua travado', sends: [['Revenda Sul Sistemas', 'Carlos Souza']], lacks: ['equipe'] },
          { at: '2026-11-22T09:00:00', contact: 'bom dia, o pdv voltou a travar', sends: [['Revenda Sul Sistemas', 'Carlos Souza']] },
          { at: '2026-11-22T11:45:00' },
        ],
      },
      served,
    );
    const toReseller = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []));
    expect(toReseller).toHaveLength(2);
    expect(toReseller.every((e) => e.text.includes('000777'))).toBe(true);
    // Found by an outside tester (2026-12-08): nothing told the reseller the customer had come to us before.
    expect(toReseller[0]?.text).not.toContain('já tinha nos procurado');
    expect(toReseller[1]?.text).toContain('O cliente já tinha nos procurado sábado, 21/11 às 10:00.');
    const params = toReseller[1]?.template?.params ?? [];
    expect(params.at(-1)).toContain('já tinha nos procurado sábado, 21/11 às 10:00');
  });

  it('written after the notice time, gets the reseller, not "ainda temos 25 minutos"', () => {
    playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T17:35:00', contact: 'Oi, meu sistema não abre', sends: [['Revenda Sul Sistemas']], lacks: ['minutos'] },
          { at: '2026-11-21T17:50:00' },
        ],
      },
      served,
    );
  });

  // Found by an outside tester: "meu nome é Jorge… podem me ligar no 51 98888-1111?" reached the reseller as the WhatsApp's owner, without the number.
  it('tells the reseller the name the person gave and the number they asked to be called on', () => {
    const effects = playChat(
      {
        department: 'suporte',
        rows: [{ at: '2026-11-21T10:00:00', contact: 'bom dia, meu nome é Jorge, sou gerente do mercado. o pdv 2 nao liga, podem me ligar no 51 98888-1111?', sends: [['Revenda Sul Sistemas']] }],
      },
      served,
    );
    const notice = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []))[0];
    expect(notice?.text).toContain('Jorge');
    expect(notice?.text).toContain('(51) 98888-1111');
    expect(notice?.text).toContain('(11) 98877-6655'); // the phone that called, as before
  });

  // Found by an outside tester (2026-12-07): "Quem pediu atendimento: @SUM(1+1)", a profile name the bot does not say to the customer.
  it('does not tell the reseller a profile name that is no name', () => {
    const effects = playChat({ department: 'suporte', contactName: '@SUM(1+1)', rows: [{ at: '2026-11-21T10:00:00', contact: 'o pdv 2 nao liga', sends: [['Revenda Sul Sistemas']] }] }, served);
    const notice = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []))[0];
    expect(notice?.text).not.toContain('@SUM');
    expect(notice?.text).toContain('(11) 98877-6655');
  });

  // The rules: the reseller gets "the customer's request"; the notice carried who called and from where, not what about.
  it.each([
    ['bom dia, o pdv 2 nao liga desde cedo 😩', 'O que pediu: “bom dia, o pdv 2 nao liga desde cedo 😩”', '“bom dia, o pdv 2 nao liga desde cedo 😩”'],
    ['oi boa tarde, tudo bem?', 'Ainda não disse o motivo do contato.', 'ainda não disse o motivo'],
    ['Oi', 'Ainda não disse o motivo do contato.', 'ainda não disse o motivo'],
    ['nota\nrejeitada 539', 'O que pediu: “nota rejeitada 539”', '“nota rejeitada 539”'],
  ])('tells the reseller what the customer asked for: %j', (said, inText, param) => {
    const effects = playChat({ department: 'suporte', rows: [{ at: '2026-11-21T10:00:00', contact: said, sends: [['Revenda Sul Sistemas']] }] }, served);
    const notice = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e] : []))[0];
    expect(notice?.text).toContain(inText);
    expect(notice?.template?.params).toHaveLength(5);
    expect(notice?.template?.params[4]).toBe(param);
  });

  it('quotes at most 300 characters of a long message, never half an emoji', () => {
    const said = `o sistema nao abre ${'🙏'.repeat(400)}`;
    const effects = playChat({ department: 'suporte', rows: [{ at: '2026-11-21T10:00:00', contact: said, sends: [['Revenda Sul Sistemas']] }] }, served);
    const text = effects.flatMap((e) => (e.type === 'karoo.proactive' ? [e.text] : []))[0] ?? '';
    const quote = /“([^”]*)”/u.exec(text)?.[1] ?? '';
    expect(Array.from(quote)).toHaveLength(300);
    expect(quote.endsWith('🙏…')).toBe(true);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
  });

  it('looks nobody up outside a shift, and a failed lookup leaves the chat to the technicians', () => {
    const asked: BimerOp[] = [];
    const effects = playChat({ department: 'suporte', rows: [{ at: '2026-11-24T10:00:00', contact: 'Oi, meu sistema não abre' }] }, (op) => {
      asked.push(op);
      return served(op);
    });
    expect(asked).toEqual([]);
    expect(effects.filter((e) => e.type === 'karoo.proactive')).toEqual([]);
    const failed = playChat({ department: 'suporte', rows: [{ at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre' }] }, () => new Error('Bimer 503'));
    expect(failed.filter((e) => e.type === 'log' && e.level === 'warn')).toHaveLength(1);
  });
});

// Found by an outside tester (2026-12-07): "vocês podem me ajudar?" after the redirect, which the bot leaves unanswered by
// design, counted "esperou 480 min" and "sem resposta nem #pendente" against the plantão; so did a scheduling request the
// bot itself answered.
describe('QA: what the rules answer waits for no technician', () => {
  const lastRecord = (effects: ReturnType<typeof playChat>) =>
    effects.flatMap((e) => (e.type === 'forward' && e.name === 'qa.chat' ? [e.data.record as { longestWaitMinutes: number; leftWaiting: boolean }] : [])).at(-1);

  it("a reseller's customer writing again after the redirect", () => {
    const effects = playChat(
      {
        department: 'suporte',
        rows: [
          { at: '2026-11-21T10:00:00', contact: 'Oi, meu sistema não abre', sends: [['Revenda Sul Sistemas']] },
          { at: '2026-11-21T10:30:00', contact: 'vocês podem me ajudar?', sends: [['Revenda Sul Sistemas']] },
          { at: '2026-11-21T18:01:00' },
        ],
      },
      served,
    );
    expect(lastRecord(effects)).toMatchObject({ leftWaiting: false, longestWaitMinutes: 0 });
  });

  it('a scheduling request the bot answered', () => {
    const effects = playChat({
      department: 'suporte',
      rows: [
        { at: '2026-11-21T10:00:00', contact: 'quero agendar um treinamento pro pessoal novo do caixa', sends: [['segunda-feira, 23/11 às 08:00']] },
        // A check-in, then the end-of-shift notice.
        { at: '2026-11-21T18:01:00', sends: [[], []] },
      ],
    });
    expect(lastRecord(effects)).toMatchObject({ leftWaiting: false, longestWaitMinutes: 0 });
  });

  // Found by an outside tester (2026-12-07): the chat's only message, the opt-out the bot answered, was "esperou 420 min sem resposta".
  it('an opt-out the bot answered', () => {
    const effects = playChat({
      department: 'suporte',
      rows: [
        { at: '2026-11-21T11:00:00', contact: 'nao quero mais receber essas mensagens', sends: [['mensagens automáticas']] },
        { at: '2026-11-21T18:01:00' },
      ],
    });
    expect(lastRecord(effects)).toMatchObject({ leftWaiting: false, longestWaitMinutes: 0 });
  });
});
