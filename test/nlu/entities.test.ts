import { describe, expect, it } from 'vitest';
import { customerCode, introducedName, isContactsName, protocol, withoutPhones } from '../../src/nlu/entities.js';

/** A ticket's protocol in an agent's words (src/nlu/entities.ts), typed as people type it. */
describe('a protocol in a message', () => {
  it.each([
    ['2026112300043', '2026112300043'],
    ['prot 2026.1123.00043', '2026112300043'],
    ['protocolo 2026 1123 00043', '2026112300043'],
    ['atendimento 2026 12 03 00118', '2026120300118'],
    ['prot 20261211.00420', '2026121100420'],
    ['o 29 ja ta aberto: 2026.1211.00082', '2026121100082'],
    // A ticket-type code next to it is not its first digits, on either side.
    ['sim, 000001 2026120401143 duvida de como tirar o livro caixa', '2026120401143'],
    ['o 2266 2026112300043 ta certo?', '2026112300043'],
    ['o 2026112300043 é o 2266 dele', '2026112300043'],
    ['2026112300043 2266', '2026112300043'],
    ['abro o 2266 hoje?', null],
    // Found by an outside tester: the landline the agent called was looked up in Bimer as a protocol.
    ['nao, ngm atendeu. liguei no fixo (21) 2222-0000 2x e mandei email, nada', null],
    ['nao consegui, liguei no 21 2222-0000 duas vezes e ngm atendeu', null],
    ['liguei no cel dela 21999990000 e nada', null],
    ['tentei no whats +55 21 99999-0000 e no fixo', null],
    ['liguei pro (0021)2222-0000, abri o 2026120700012', '2026120700012'],
    ['sem contato, 000029 prot 2026120700015, liguei no 2222-0000', '2026120700015'],
    ['cliente 123', null],
  ] as const)('%s', (text, want) => {
    expect(protocol(text)).toBe(want);
  });
});

describe('the name a person gives', () => {
  it.each([
    ['bom dia, meu nome é Jorge, sou gerente do mercado', 'Jorge'],
    ['aqui eh a marcia', 'Marcia'],
    ['boa tarde aqui é a Ana da padaria', 'Ana'],
    ['oi sou a dona do mercado', null],
    ['aqui é o caixa 2', null],
    ['o sistema aqui é o antigo', null],
    // Found by an outside tester (2026-12-07): a title before the name, and "e aqui é…" after a comma, named nobody.
    ['Bom dia, aqui é a Dona Cida do mercado, a impressora não imprime', 'Cida'],
    ['ah, e aqui é a Cida, não o Rafael, ele me emprestou o celular', 'Cida'],
    ['aqui é o seu Jorge', 'Jorge'],
    ['aqui e o Sr. Antonio', 'Antonio'],
    ['sou a dona da loja', null],
  ])('%s → %s', (text, name) => {
    expect(introducedName(text)).toBe(name);
  });
});

describe('a name given that is not the contact Karoo knows', () => {
  it.each([
    ['sou a maria, o pdv travou', 'Maria Souza', true], // the owner herself
    ['aqui é a ana, filha dela', 'Mariana Lopes', false], // a word inside another name is someone else
    ['aqui é o jorge', 'Padaria São-Jorge', true], // a word of the contact's name, whatever separates them
    ['aqui é o jorge', null, false],
  ])('%s on %s → the contact: %s', (text, contact, own) => {
    const introduced = introducedName(text);
    expect(introduced).not.toBeNull();
    expect(isContactsName(introduced ?? '', contact)).toBe(own);
  });
});

// Found by an outside tester: an agent's question with "(21) 97777-0003" in it was about customer 097777.
describe('a customer code in a message', () => {
  it.each([
    ['o cliente ligou do (21) 97777-0003, o que eu faço?', null],
    ['monitoramento do cliente 123', '000123'],
    ['cliente 000777, tel 21 99999-0000', '000777'],
    ['finalizei a implantação do 4521', '004521'],
  ])('%s → %s', (text, code) => {
    expect(customerCode(text)).toBe(code);
  });
});

// Found by an outside tester (2026-12-07): a week's summary carried the customer's phone into the 2266.
describe('withoutPhones', () => {
  it.each([
    ['duvida no boleto, o tel dela é 21 99999-0000', 'duvida no boleto'],
    ['tudo certo. ah o tel novo dela é (21) 98888-7777', 'tudo certo'],
    ['ela ligou do 21 97777-0003 pra tirar duvida', 'ela ligou pra tirar duvida'],
    ['ela usa o celular', 'ela usa o celular'],
    ['como emitir a nota de devolução', 'como emitir a nota de devolução'],
    ['erro na nota 2026120700123', 'erro na nota 2026120700123'],
  ])('%s → %s', (text, want) => {
    expect(withoutPhones(text)).toBe(want);
  });
});
