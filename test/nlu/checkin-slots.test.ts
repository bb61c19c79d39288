import { describe, expect, it } from 'vitest';
import { checkinSlots, deniesContact, reportsContact, saysContact, type DemandIntent } from '../../src/nlu/checkin-slots.js';
import { flowContext } from '../helpers/monitoring.js';

/** What an implanter's first answer to the check-in already says (src/nlu/checkin-slots.ts), in my own words. */
describe('the slots of a first check-in answer', () => {
  const { nlu } = flowContext();
  const read = (words: string): DemandIntent | null => nlu.demand(words);
  it.each([
    ['sim', { demand: null, protocol: null, summary: null }],
    // Found by a fourth outside tester: asked again "conseguiu falar?", the menu asked, or noise kept in the ticket's text.
    ['teve contato sim, bug: o pdv fecha sozinho ao passar cartao, abri chamado pro dsn', { demand: 'demand.system_dev', summary: 'o pdv fecha sozinho ao passar cartao' }],
    ['falei com o gerente, erro na integracao com o ifood que o dev precisa ver', { demand: 'demand.system_dev', summary: 'erro na integracao com o ifood que o dev precisa ver' }],
    ['sim. 3. o xml da nfe sai sem a tag de ibpt', { demand: 'demand.system_dev', summary: 'o xml da nfe sai sem a tag de ibpt' }],
    ['demanda 1, ela n sabia tirar o relatorio de vendas', { demand: 'demand.question', summary: 'ela n sabia tirar o relatorio de vendas' }],
    ['oi bot, falei sim com a padaria, duvida sobre cadastro de fornecedor', { demand: 'demand.question', summary: 'duvida sobre cadastro de fornecedor' }],
    ['contato feito, erro do sistema que precisa de desenvolvimento: relatorio de comissao nao soma', { demand: 'demand.system_dev', summary: 'relatorio de comissao nao soma' }],
    ['falei sim, o suporte resolveu na hora, nem precisou ir pro dev, era o calculo do icms', { demand: 'demand.system_support' }],
    // Found by an outside tester: the request closing the answer and the "já" of "já abri o atendimento" read as the description.
    ['falei c ela agora, foi erro de operacao no cadastro de produto. registra a semana 1 ai', { demand: 'demand.operation_error', summary: 'foi erro de operacao no cadastro de produto' }],
    // …and words to the bot ("pô, já falei.") or a self-correction after the description went into Bimer.
    ['pô, ja falei. foi erro de operacao, ela lancou a nota na tela errada', { demand: 'demand.operation_error', summary: 'ela lancou a nota na tela errada' }],
    ['sim. duvida no cadastro de produto. ops nao, errei, era erro de operacao msm', { demand: 'demand.operation_error', summary: 'duvida no cadastro de produto' }],
    ['liguei sim, ela tinha duvida na emissao de boleto, ja abri o atendimento, protocolo 2026113000042', { demand: 'demand.question', protocol: '2026113000042', summary: 'ela tinha duvida na emissao de boleto' }],
    ['falei sim com ele', { demand: null, protocol: null, summary: null }],
    // Found by an outside tester (2026-12-07): a count leading the description was taken for the menu's number
    // (000002, 000001 and 000029 opened), and a denied doubt for a doubt.
    ['falei sim, 2 duvidas: como tirar relatorio e como cadastrar cliente', { demand: 'demand.question' }],
    ['falei sim, 1 erro no fechamento, bug do sistema, mandei pro dsn', { demand: 'demand.system_dev' }],
    ['falei, 5 notas com cfop errado q ela digitou', { demand: 'demand.operation_error' }],
    ['falei sim, 2, ela errou o cfop', { demand: 'demand.operation_error', summary: 'ela errou o cfop' }],
    ['conversei c a dona Maria por audio, nao teve duvida nenhuma, so elogiou o sistema', { demand: 'demand.ok_only' }],
    ['falei sim, sem duvidas, tudo ok', { demand: 'demand.ok_only' }],
    ['falei, nao teve duvida, mas ela errou o cfop das notas de venda', { demand: 'demand.operation_error' }],
    ['falei sim, nenhum problema, so queria saber como tirar o relatorio de vendas', { demand: 'demand.question' }],
    // …and a call asked for to see a module (week 3: the rules' FAQ 11, a ticket left open) was a 000029.
    ['sim, ela so pediu pra ligar semana q vem pra ver o modulo de compras, nenhum problema', { demand: 'demand.question' }],
    // …and a phone number told with the summary went into the 2266's line.
    ['falei sim, duvida no boleto, o tel dela é 21 99999-0000', { demand: 'demand.question', summary: 'duvida no boleto' }],
    ['falei, ela ligou do 21 97777-0003 pra tirar duvida do relatorio de vendas', { summary: 'ela ligou pra tirar duvida do relatorio de vendas' }],
    // Found by a fifth outside tester: a correction inside the answer ("nao pera", "na real") was ignored:
    // the first code said went to Bimer (000025 for a 000003), the whole rambling sentence its text.
    [
      'sim, falei c ela agr. eh erro do sistema, abre 000025 pq o suporte ja viu... nao pera, nao resolveram na hora, vai pro dev, entao eh 000003. NF-e rejeicao 225 schema xml qdo o produto tem CEST',
      { demand: 'demand.system_dev', summary: 'nao resolveram na hora, vai pro dev, NF-e rejeicao 225 schema xml qdo o produto tem CEST' },
    ],
    [
      'sim, liguei hj d tarde. ela teve duvida d como lancar sangria... nao pera, na real ela lancou a sangria como suprimento, foi erro d operacao',
      { demand: 'demand.operation_error', summary: 'ela lancou a sangria como suprimento, foi erro d operacao' },
    ],
    ['sim, ela lancou a nota com cfop errado, na verdade foi duvida de como escolher o cfop', { demand: 'demand.question', summary: 'foi duvida de como escolher o cfop' }],
    ['falei sim, d manha, ela nao sabia tirar o relatorio de vendas', { demand: 'demand.question', summary: 'ela nao sabia tirar o relatorio de vendas' }],
    ['falei c a maria sim, ela nao sabia lancar a sangria. quero registrar a semana do 123', { demand: 'demand.question', summary: 'ela nao sabia lancar a sangria' }],
    ['sim, abri o 000002 pq ele lancou a nota na tela errada', { demand: 'demand.operation_error', summary: 'abri o 000002 pq ele lancou a nota na tela errada' }],
    ['consegui, foi o 4, o suporte corrigiu o calculo do icms', { demand: 'demand.system_support' }],
    ['sim, ja abri o atendimento 2026120100117', { protocol: '2026120100117', summary: null }],
    ['liguei hoje, opcao 5', { demand: 'demand.ok_only', summary: null }],
    // That a ticket was opened, and for which week, tells no demand nor what was talked about (an outside tester got a 000003).
    ['falei c ele, abri o atendimento 2026110900017 pra essa semana', { demand: null, protocol: '2026110900017', summary: null }],
    ['falei, abri um 000002 pra essa semana, ela errou o cadastro do produto', { demand: 'demand.operation_error', summary: 'ela errou o cadastro do produto' }],
    ['falei sim, ja abri o atendimento 2026120100219 de duvida no relatorio de vendas', { demand: 'demand.question', summary: 'duvida no relatorio de vendas' }],
    // The demand told in words, however short, by the demand reader; a ticket code next to a protocol is no part of it.
    ['falei, duvida', { demand: 'demand.question' }],
    ['sim, foi DSN, 2026120100884', { demand: 'demand.system_dev', protocol: '2026120100884' }],
    ['sim, 000001 2026120401143 duvida de como tirar o livro caixa', { demand: 'demand.question', protocol: '2026120401143' }],
    ['conversei sim, a moca do financeiro baixou o titulo no banco errado', { demand: 'demand.operation_error' }],
    ['falei sim, tudo certo com ele, nenhuma demanda', { demand: 'demand.ok_only' }],
    // The demand's name set apart at the head is the ticket's type, not its text; run into the sentence, it is the text.
    ['sim, era erro de operacao, ela filtrava pela data errada, ja orientei', { demand: 'demand.operation_error', summary: 'ela filtrava pela data errada, ja orientei' }],
    ['falei, foi dúvida: como emitir a nota de devolução', { demand: 'demand.question', summary: 'como emitir a nota de devolução' }],
    ['sim, erro de sistema - o relatorio de estoque trava ao filtrar por grupo', { summary: 'o relatorio de estoque trava ao filtrar por grupo' }],
    ['falei sim, era duvida no relatorio de vendas', { demand: 'demand.question', summary: 'era duvida no relatorio de vendas' }],
    ['sim, duvida, ok', { demand: 'demand.question', summary: null }],
    // When and how the contact happened are part of the yes, not of the description.
    ['consegui sim, liguei hj cedo. ela tava com duvida pra fazer sangria no caixa, expliquei', { summary: 'ela tava com duvida pra fazer sangria no caixa, expliquei' }],
    ['falei com ela pelo whats de manha, queria saber como cancelar cupom', { summary: 'queria saber como cancelar cupom' }],
    ['sim, ha pouco por telefone: o boleto saiu sem juros, ja corrigimos', { summary: 'o boleto saiu sem juros, ja corrigimos' }],
    // An outside tester got "no fixo e falei com ela…" as the summary.
    ['sim, liguei no fixo e falei com ela, tava com duvida no fechamento', { summary: 'tava com duvida no fechamento' }],
    ['falei pelo celular, erro no cadastro do produto', { summary: 'erro no cadastro do produto' }],
    ['falei c ele agr, ta td certo, nenhuma duvida', { demand: 'demand.ok_only', summary: 'ta td certo, nenhuma duvida' }],
    // Whom the implanter spoke to is part of the yes when the clause ends there; "sobre …" after it keeps it.
    ['sim, falei com o seu jose, ele tava com duvida em como dar desconto no pdv', { demand: 'demand.question', summary: 'ele tava com duvida em como dar desconto no pdv' }],
    ['falei hj de manha com a dona, a nfce rejeitava por causa do csc errado, corrigi', { summary: 'a nfce rejeitava por causa do csc errado, corrigi' }],
    ['consegui contato pelo whats, cliente disse q ta tudo tranquilo', { demand: 'demand.ok_only', summary: 'cliente disse q ta tudo tranquilo' }],
    ['liguei e ela atendeu, ta com problema na impressora fiscal, suporte resolveu remoto', { summary: 'ta com problema na impressora fiscal, suporte resolveu remoto' }],
    ['falei com ele ontem e ele disse q o estoque ta batendo certinho', { summary: 'ele disse q o estoque ta batendo certinho' }],
    ['falei c/ o contador deles sobre o fechamento fiscal', { summary: 'c/ o contador deles sobre o fechamento fiscal' }],
    // "liguei pra ela", "pro cliente" (found in the sandbox: the summary read "pra ela agora, era lentidao…").
    ['liguei pra ela agora, era lentidao no relatorio de vendas, a base tava sem indice. abre um 25 pra mim', { demand: 'demand.system_support', summary: 'era lentidao no relatorio de vendas, a base tava sem indice' }],
    ['liguei pro cliente hj cedo, tava com duvida no sped', { demand: 'demand.question', summary: 'tava com duvida no sped' }],
    ['liguei pro seu jose, ele tava com erro na nfce', { summary: 'ele tava com erro na nfce' }],
    ['sim, pra emitir nota ele tinha duvida', { demand: 'demand.question', summary: 'pra emitir nota ele tinha duvida' }],
    ['sim, com duvida do caixa, expliquei como fecha', { demand: 'demand.question', summary: 'com duvida do caixa, expliquei como fecha' }],
    // Words that describe nothing (the demand's name, fillers) are no summary: it is asked.
    ['sim, teve umas coisinhas', { summary: null }],
    ['sim, so duvida msm', { demand: 'demand.question', summary: null }],
    ['sim, bug, mandei pro dsn', { summary: null }],
    ['falei, teve erro de sistema mas ja resolvemos na hr', { summary: null }],
    ['sim foi a opcao 1, duvida sobre inventario', { demand: 'demand.question', summary: 'duvida sobre inventario' }],
    // The type said by its number, and the menu choice, are no part of the summary.
    ['consegui, faltava atualizar a dll do banco, atualizei na hora. protocolo 2026120500092, tipo 25', { demand: 'demand.system_support', protocol: '2026120500092', summary: 'faltava atualizar a dll do banco, atualizei na hora' }],
    ['sim foi o 2, lancaram a entrada da nota duplicada', { demand: 'demand.operation_error', summary: 'lancaram a entrada da nota duplicada' }],
    // Asking the bot to open the ticket: its number is the demand (menu 1-5, or a code said short), and no part of the summary.
    ['falei sim, o relatorio saia zerado pq ela filtrava pela data de entrega, orientei. abre o 2 pra mim', { demand: 'demand.operation_error', summary: 'o relatorio saia zerado pq ela filtrava pela data de entrega, orientei' }],
    ['sim, o pdv nao abre o caixa 2, abre um 25 por favor', { demand: 'demand.system_support', summary: 'o pdv nao abre o caixa 2' }],
    ['sim. abre o 3 pf, o estoque negativo trava a venda', { demand: 'demand.system_dev', summary: 'o estoque negativo trava a venda' }],
    ['consegui, ela tinha duvida no fechamento, pode abrir', { summary: 'ela tinha duvida no fechamento' }],
    ['sim, abri o 2 com 2026121800099', { demand: 'demand.operation_error', protocol: '2026121800099', summary: null }],
    ['consegui, o pdv nao abre 2 vezes seguidas', { summary: 'o pdv nao abre 2 vezes seguidas' }],
    // A yes that names no demand gets none: the menu is shown.
    ['falei sim, hoje cedo por telefone', { demand: null }],
    // Found by an outside tester (2026-12-07, later): a training request became a 000003, and the demand's name, "abre você"
    // and whom the implanter spoke to went into the ticket's text.
    ['sim, falei com ela. pediu treinamento de NFC-e pra funcionária nova, encaminhei pro setor de treinamento', { demand: null, summary: 'pediu treinamento de NFC-e pra funcionária nova, encaminhei pro setor de treinamento' }],
    ['sim, falei com ela. é bug pro desenvolvimento: o sistema fecha ao emitir nota de devolução (access violation). abre você', { demand: 'demand.system_dev', summary: 'o sistema fecha ao emitir nota de devolução (access violation)' }],
    ['falei com o mercado bom preço agora, foi erro de operação: cadastraram a balança na porta COM errada, corrigimos juntos', { demand: 'demand.operation_error', summary: 'cadastraram a balança na porta COM errada, corrigimos juntos' }],
    // Found by an outside tester (2026-12-08): "abre vc o chamado" went into the 2266's line and the 000003's text.
    ['sim, a nfce segue travando, mandei pro dev analisar o log. abre vc o chamado', { summary: 'a nfce segue travando, mandei pro dev analisar o log' }],
  ] as const)('%s', (text, want) => {
    expect(checkinSlots(text, read)).toMatchObject(want);
  });

  it("takes the implanter's description as the summary, and its demand when the words say it", () => {
    const slots = checkinSlots('falei sim, ele tinha duvida pra tirar o relatorio de vendas por vendedor', read);
    expect(slots.summary).toBe('ele tinha duvida pra tirar o relatorio de vendas por vendedor');
    expect(slots.protocol).toBeNull();
  });
});

/** Whether words written with no question open report the week's contact (the check-in is then started with them). */
describe('a contact reported unprompted', () => {
  it.each([
    ['falei sim, ele tinha duvida pra tirar o relatorio de vendas', true],
    ['hj conversei com a gerente, ela errou o fechamento do caixa', true],
    ['Consegui falar com o Seu Zé, tá tudo certo', true],
    ['tive contato c ele ontem, abri o 000002', true],
    ['o cliente me retornou, duvida no sped', true],
    // A bare yes or ok out of any question, a negation, a question: not a report.
    ['ok', false],
    ['sim', false],
    ['obrigado, blz', false],
    ['nao consegui falar com ele', false],
    ['hoje nao falei com ninguem', false],
    ['falei com o cliente, registro onde', false],
    ['consegui contato na semana 1, tenho q abrir outro atendimento', false],
    ['falei com ele, e agora?', false],
    ['o que eu falo pro cliente no plantao', false],
  ] as const)('%s → %s', (text, want) => {
    expect(reportsContact(text)).toBe(want);
  });
});

describe('an answer that opens with a no', () => {
  it.each([
    ['nao. ja abri o 000029 das tentativas, prot 2026120900417', true],
    ['nao consegui contato, abre o 29 pra mim pf', true],
    ['n, sem retorno dnv', true],
    ['ninguem atendeu de novo', true],
    ['não', true],
    // Corrected, a doubt, no demand, or a question: no such no.
    ['nao... pera, falei sim, foi na segunda', false],
    ['nao sei se conta, ele respondeu so ok', false],
    ['nao teve demanda, td ok', false],
    ['nao atendeu, abro o 29?', false],
    // Attempts told and nothing more (found by an outside tester: "fiz 2 tentativas ontem" got "Ótimo! Qual foi a demanda?").
    ['fiz 2 tentativas ontem', true],
    ['tentei ligar de manha e a tarde pro fixo', true],
    ['so tentativas, ngm atende', true],
    ['tentativa de contato feita, sem retorno', true],
    // …unless someone was reached after all, or it is no attempt at contact.
    ['tentei ligar de manha, a tarde consegui, ela tinha duvida', false],
    ['tentei ligar e ela atendeu, tudo ok', false],
    ['tentei reproduzir o erro mas nao consegui', false],
  ] as const)('%s → %s', (text, want) => {
    expect(deniesContact(text)).toBe(want);
  });
});

// Found by an outside tester (2026-12-07): "liguei pro fixo e pro cel de manha" was recorded as a contact, its summary
// "pro fixo e pro cel de manha", and a 000003 opened with it.
describe('a call to a number, nobody said to have answered, is no contact', () => {
  it.each([
    ['liguei pro fixo e pro cel de manha', false],
    ['liguei 2x pro cel', false],
    ['liguei no fixo e ela atendeu, tudo ok', true],
    ['liguei pra ela, tirou a duvida', true],
    ['liguei, ela tinha duvida no caixa', true],
  ] as const)('%s → %s', (text, want) => {
    expect(saysContact(text)).toBe(want);
    expect(reportsContact(text)).toBe(want);
  });
});
