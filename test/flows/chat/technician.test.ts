import { describe, expect, it } from 'vitest';
import { commandIn } from '../../../src/flows/chat/technician.js';
import { noReseller, playChat, type ChatTable, CHAT } from '../../helpers/chat-table.js';
import { FlowDriver } from '../../helpers/flow-driver.js';
import { plantaoContext } from '../../helpers/plantao-roster.js';

/** A technician's lines in a chat (src/flows/chat/technician.ts): the silence count, `#externo`, `#pendente`. */

/** A partner on an external job on Friday 20/11 (a holiday with a shift), tagged `#externo`. */
const FRIDAY_EXTERNO = [
  { at: '2026-11-20T10:00:00', contact: 'estou no cliente fazendo a implantação, vou tirando dúvidas' },
  { at: '2026-11-20T10:01:00', technician: '#externo' },
  { at: '2026-11-20T17:30:00', sends: [['ainda temos 30 minutos']] },
];

const chats: Record<string, ChatTable> = {
  'the technician talking restarts the silence count: the bot never talks over them': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'estou com erro no estoque' },
      { at: '2026-11-21T10:20:00', technician: 'Vou acessar aí, um instante' },
      { at: '2026-11-21T10:30:00' },
      { at: '2026-11-21T10:50:00', sends: [[]] },
    ],
  },
  'partner, "#externo": no check-ins, not closed on "tudo ok", the end-of-shift notice still': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-22T09:00:00', contact: 'estou no cliente fazendo a implantação, vou tirando dúvidas' },
      { at: '2026-11-22T09:01:00', technician: '#externo' },
      { at: '2026-11-22T11:00:00', contact: 'tudo ok por enquanto' },
      { at: '2026-11-22T11:29:00' },
      { at: '2026-11-22T11:30:00', sends: [['ainda temos 30 minutos']] },
    ],
  },
  'partner, "#externo" on Friday: still with the technicians on Saturday': {
    department: 'partner',
    kind: 'partner',
    rows: [
      ...FRIDAY_EXTERNO,
      { at: '2026-11-21T09:00:00', contact: 'bom dia, de volta no cliente' },
      { at: '2026-11-21T09:05:00', technician: 'bom dia Rafael, pode mandar' },
      { at: '2026-11-21T09:40:00' },
    ],
  },
  // Found by an outside tester: a "#externo" of one weekend kept a partner without check-ins on a holiday weeks later.
  'partner, "#externo" on Friday, back only on Sunday: an ordinary chat again, with its check-in': {
    department: 'partner',
    kind: 'partner',
    rows: [
      ...FRIDAY_EXTERNO,
      { at: '2026-11-22T09:00:00', contact: 'bom dia, outro cliente com rejeicao 539' },
      { at: '2026-11-22T09:05:00', technician: 'bom dia Rafael, reenvia com a data de hoje' },
      { at: '2026-11-22T09:24:00' },
      { at: '2026-11-22T09:25:00', sends: [[]] },
    ],
  },
  'partner, "#externo" at the end of a line to the partner: the same': {
    department: 'partner',
    kind: 'partner',
    rows: [
      { at: '2026-11-22T09:00:00', contact: 'cliente meu com rejeicao 539, estou la fazendo treinamento' },
      { at: '2026-11-22T09:01:00', technician: 'oi Rafael, vou verificar aqui. me passa a chave da nota? #externo' },
      { at: '2026-11-22T11:00:00', contact: 'resolvido, obrigado' },
      { at: '2026-11-22T11:29:00' },
      { at: '2026-11-22T11:30:00', sends: [['ainda temos 30 minutos']] },
    ],
  },
  'implantation, "#pendente": no "tudo certo?" check-ins on a problem left for the next business day, the end-of-shift notice still': {
    department: 'implantacao',
    rows: [
      { at: '2026-11-21T10:00:00', contact: 'o sistema nao abre, erro de licenca' },
      { at: '2026-11-21T10:05:00', technician: '#pendente licença a renovar pelo comercial na segunda' },
      { at: '2026-11-21T12:00:00' },
      { at: '2026-11-21T13:00:00', contact: 'entao vou esperar segunda' },
      { at: '2026-11-21T17:29:00' },
      { at: '2026-11-21T17:30:00', sends: [['ainda temos 30 minutos']] },
    ],
  },
};

describe('chat dialog: the technician', () => {
  it.each(Object.entries(chats))('%s', (_name, chat) => {
    playChat(chat);
  });

  it('"#pendente <motivo>" hands the chat to the shift\'s pending work, with who and why', () => {
    const effects = playChat({
      department: 'suporte',
      rows: [
        { at: '2026-11-21T16:00:00', contact: 'o servidor não sobe desde cedo' },
        { at: '2026-11-21T16:10:00', technician: '#pendente: aguardando o cliente reiniciar o servidor' },
      ],
    });
    const pending = effects.filter((e) => e.type === 'forward' && e.stream === 'ops:pending');
    expect(pending).toEqual([
      expect.objectContaining({
        name: 'pending.add',
        data: expect.objectContaining({ chatId: CHAT, sector: 'suporte', reason: 'aguardando o cliente reiniciar o servidor', by: 'Diego Rocha' }),
      }),
    ]);
  });

  it('"#pendente" at the end of a line takes what comes before it as the reason', () => {
    const effects = playChat({
      department: 'suporte',
      rows: [
        { at: '2026-11-21T16:00:00', contact: 'o sistema pede licença nova' },
        { at: '2026-11-21T16:10:00', technician: 'a licença só o comercial renova, fica pra segunda #pendente' },
      ],
    });
    const pending = effects.filter((e) => e.type === 'forward' && e.stream === 'ops:pending');
    expect(pending).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason: 'a licença só o comercial renova, fica pra segunda' }) })]);
  });

  it.each([
    ['#externo', { name: 'externo', before: '', after: '' }],
    ['vou verificar, me passa a chave? #externo', { name: 'externo', before: 'vou verificar, me passa a chave?', after: '' }],
    ['#pendente: aguardando a SEFAZ', { name: 'pendente', before: '', after: 'aguardando a SEFAZ' }],
    ['/pendente troca do certificado', { name: 'pendente', before: '', after: 'troca do certificado' }],
    ['salvei em c:/externo/nota.xml', null],
    ['a pasta #externos do servidor', null],
    ['tag#externo', null],
  ] as const)('reads the command in "%s"', (text, want) => {
    expect(commandIn(text)).toEqual(want);
  });
});

// Found by an outside tester: "Chat 1053: o cliente esperou 60 min sem resposta" where the customer's last message was "👍👍" to the technician's "Ficou certo?".
describe('QA: a bare acknowledgement waits for nobody', () => {
  it.each(['👍👍', 'ok, obrigada', 'entendi 👍'])('"%s" after the technician starts no wait', (ack) => {
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-22T09:00:00-03:00'), noReseller);
    const who = { chatId: 'ch_ack', department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655' } as const;
    const effects = [
      ...driver.say({ ...who, author: 'contact', text: 'a impressora nao imprime' }),
      ...driver.advanceTo('2026-11-22T09:05:00-03:00'),
      ...driver.say({ ...who, author: 'agent', text: 'troquei o driver, ficou certo?' }, (raw) => {
        (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
      }),
      ...driver.advanceTo('2026-11-22T09:06:00-03:00'),
      ...driver.say({ ...who, author: 'contact', text: ack }),
      ...driver.advanceTo('2026-11-22T12:01:00-03:00'),
    ];
    const records = effects.flatMap((e) => (e.type === 'forward' && e.name === 'qa.chat' ? [e.data.record as { longestWaitMinutes: number; leftWaiting: boolean }] : []));
    expect(records.at(-1)).toMatchObject({ longestWaitMinutes: 5, leftWaiting: false });
  });

  // Found by an outside tester: "vou verificar" and then nothing until the shift ended counted 5 minutes of "tempo parado", no flag.
  it.each(['', 'ok'])('"vou verificar, um momento" answers nothing yet: the wait goes on to the shift\'s end (customer then says %j)', (ack) => {
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-22T09:00:00-03:00'), noReseller);
    const who = { chatId: 'ch_hold', department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655' } as const;
    const effects = [
      ...driver.say({ ...who, author: 'contact', text: 'a impressora nao imprime' }),
      ...driver.advanceTo('2026-11-22T09:05:00-03:00'),
      ...driver.say({ ...who, author: 'agent', text: 'Oi! vou verificar, um momento' }, (raw) => {
        (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
      }),
      ...driver.advanceTo('2026-11-22T09:06:00-03:00'),
      ...(ack ? driver.say({ ...who, author: 'contact', text: ack }) : []),
      ...driver.advanceTo('2026-11-22T12:01:00-03:00'),
    ];
    const records = effects.flatMap((e) => (e.type === 'forward' && e.name === 'qa.chat' ? [e.data.record as { longestWaitMinutes: number; leftWaiting: boolean }] : []));
    expect(records.at(-1)?.leftWaiting).toBe(true);
    expect(records.at(-1)?.longestWaitMinutes).toBeGreaterThan(100);
  });

  // Found by an outside tester (2026-12-08): "vou verificar aqui, enquanto isso confere se a porta 4096 ta liberada" counted
  // the 85 minutes the partner took to check the port as the technician's "tempo parado".
  it('"vou verificar, enquanto isso confere…" gives the contact something to do: no wait until they report back', () => {
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-22T09:00:00-03:00'), noReseller);
    const who = { chatId: 'ch_task', department: 'partner', kind: 'partner', login: null, phone: '+5551900001111' } as const;
    const effects = [
      ...driver.say({ ...who, author: 'contact', text: 'o tef do cliente nao conecta no servidor' }),
      ...driver.advanceTo('2026-11-22T09:05:00-03:00'),
      ...driver.say({ ...who, author: 'agent', text: 'Boa tarde! Vou verificar aqui, enquanto isso confere se a porta 4096 ta liberada no firewall do cliente #externo' }, (raw) => {
        (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
      }),
      ...driver.advanceTo('2026-11-22T10:30:00-03:00'),
      ...driver.say({ ...who, author: 'contact', text: 'liberei a porta, continua sem conectar' }),
      ...driver.advanceTo('2026-11-22T10:40:00-03:00'),
      ...driver.say({ ...who, author: 'agent', text: 'entao reinicia o servico do sitef e testa' }, (raw) => {
        (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
      }),
      ...driver.advanceTo('2026-11-22T12:01:00-03:00'),
    ];
    const records = effects.flatMap((e) => (e.type === 'forward' && e.name === 'qa.chat' ? [e.data.record as { longestWaitMinutes: number }] : []));
    expect(records.at(-1)?.longestWaitMinutes).toBe(10);
  });

  // Found by an outside tester: "não atendemos ligações, você não teve treinamento?" raised only the first flag.
  it('a line with both kinds QA flags raises both', () => {
    const effects = playChat({
      department: 'suporte',
      rows: [
        { at: '2026-11-21T10:00:00', contact: 'liguei 3 vezes e ninguem atendeu, o sistema nao abre' },
        { at: '2026-11-21T10:05:00', technician: 'não atendemos ligações, você não teve treinamento?' },
        { at: '2026-11-21T10:10:00', contact: 'resolvido, obrigado' },
        { at: '2026-11-21T10:12:00', sends: [[]], closes: true },
      ],
    });
    const records = effects.flatMap((e) => (e.type === 'forward' && e.name === 'qa.chat' ? [e.data.record as { wording: { kind: string }[] }] : []));
    expect(records.at(-1)?.wording.map((w) => w.kind).sort()).toEqual(['calls', 'training']);
  });
});

// Found by an outside tester (2026-12-07): a line opening with the tag, or the bare tag, was no answer for QA: the chat was
// "sem técnico", the contact "esperou 479 min sem resposta", and "não foi marcado com #pendente" beside the pending item.
describe('QA: a line that opens with #externo or #pendente is the technician\'s answer', () => {
  it.each(['#externo pode deixar, quando voltar do cliente me chama aqui que seguimos', '#externo', '#pendente trocar o leitor na segunda', '#pendente'])('"%s"', (line) => {
    const driver = new FlowDriver(plantaoContext(), new Date('2026-11-22T09:00:00-03:00'), noReseller);
    const who = { chatId: 'ch_tag', department: 'suporte', kind: 'customer', login: null, phone: '+5511988776655' } as const;
    const effects = [
      ...driver.say({ ...who, author: 'contact', text: 'o leitor de codigo de barras nao le nada' }),
      ...driver.advanceTo('2026-11-22T09:05:00-03:00'),
      ...driver.say({ ...who, author: 'agent', text: line }, (raw) => {
        (raw.chat as { agent: unknown }).agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
      }),
      ...driver.advanceTo('2026-11-22T12:01:00-03:00'),
    ];
    const records = effects.flatMap((e) => (e.type === 'forward' && e.name === 'qa.chat' ? [e.data.record as { technicians: { login: string }[]; longestWaitMinutes: number; leftWaiting: boolean }] : []));
    expect(records.at(-1)?.technicians.map((t) => t.login)).toEqual(['diego.rocha']);
    expect(records.at(-1)).toMatchObject({ longestWaitMinutes: 5, leftWaiting: false });
  });
});
