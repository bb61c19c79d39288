import { describe, expect, it } from 'vitest';
import { demandCode } from '../../src/flows/monitoring/cycle.js';
import {
  agentCommand,
  classifyCustomerReply,
  findCustomerCode,
  findProtocol,
  inlineParecer,
  isImplantationClose,
  isSellerReturn,
  yesNo,
} from '../../src/flows/language.js';

describe('understanding agents', () => {
  it.each([
    ['finalizei a implantação do cliente 123', '000123'],
    ['Terminei a implantacao do cliente 000123', '000123'],
    ['concluí a implantação, cód 4567', '004567'],
    ['acabei a implantação do 98', '000098'],
  ])('reads the close of an implantation: %s', (text, code) => {
    expect(isImplantationClose(text)).toBe(true);
    expect(findCustomerCode(text)).toBe(code);
  });

  it('does not take other talk for a close', () => {
    expect(isImplantationClose('vou começar a implantação amanhã')).toBe(false);
    expect(isImplantationClose('finalizei o almoço')).toBe(false);
  });

  it('reads an inline parecer and protocols', () => {
    expect(inlineParecer('finalizei a implantação do cliente 123. Parecer: Cliente satisfeito.')).toBe('Cliente satisfeito.');
    expect(findProtocol('o RSP é o 2026110900017')).toBe('2026110900017');
    expect(findProtocol('cliente 123')).toBeNull();
  });

  it.each([
    ['sim', 'yes'],
    ['Sim, falei com ele', 'yes'],
    ['consegui falar com a Maria', 'yes'],
    ['não', 'no'],
    ['nao consegui contato', 'no'],
    ['ninguém atendeu', 'no'],
    ['caiu na caixa postal', 'no'],
    ['talvez', null],
  ])('reads "%s" as %s', (text, expected) => {
    expect(yesNo(text)).toBe(expected);
  });

  it.each([
    ['1', '000001'],
    ['2', '000002'],
    ['3', '000003'],
    ['4', '000025'],
    ['5', '000029'],
    ['000025', '000025'],
    ['foi uma dúvida', '000001'],
    ['erro de operação do usuário', '000002'],
    ['bug, mandei pro DSN', '000003'],
    ['erro de sistema, resolvi na hora (SUP)', '000025'],
    ['apenas ok', '000029'],
    ['sei lá', null],
  ])('maps the demand "%s" to %s', (text, code) => {
    expect(demandCode(text, '000029')).toBe(code);
  });

  it('reads commands', () => {
    expect(agentCommand('Meus monitoramentos')).toEqual({ kind: 'list' });
    expect(agentCommand('status 2026112300042')).toEqual({ kind: 'status', protocolo: '2026112300042' });
    expect(agentCommand('ajuda')).toEqual({ kind: 'help' });
    expect(agentCommand('bom dia')).toBeNull();
  });

  it('reads a salesperson coming back', () => {
    expect(isSellerReturn('retornei do cliente 123: ele pediu para ligar amanhã')).toBe(true);
    expect(isSellerReturn('o vendedor retornou do cliente 123')).toBe(true);
    expect(isSellerReturn('bom dia')).toBe(false);
  });
});

describe('understanding customers', () => {
  it.each([
    ['Tudo certo por aqui, obrigado!', 'ok'],
    ['td ok', 'ok'],
    ['tá tudo funcionando direitinho', 'ok'],
    ['beleza', 'ok'],
    ['Não sei como emitir a NFC-e de devolução', 'issue'],
    ['o sistema travou de novo', 'issue'],
    ['tudo certo, só uma dúvida: como faço sangria?', 'issue'],
    ['não quero mais mensagens', 'optout'],
    ['parem de me mandar isso', 'optout'],
  ])('classifies "%s" as %s', (text, kind) => {
    expect(classifyCustomerReply(text)).toBe(kind);
  });
});
