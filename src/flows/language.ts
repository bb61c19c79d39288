/** Portuguese text helpers for understanding what people write (accents, case, WhatsApp style). */

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A customer code written as 123, 000123 or "cód. 123" → "000123". */
export function findCustomerCode(text: string): string | null {
  const folded = fold(text);
  const explicit = /(?:cliente|codigo|cod\.?|c[oó]d)\s*(?:n[or]?\.?\s*|#\s*)?(\d{1,6})\b/.exec(folded);
  const any = explicit ?? /\b(\d{1,6})\b/.exec(folded);
  return any?.[1] ? any[1].padStart(6, '0') : null;
}

/** A Bimer protocol: a long run of digits (at least 5). */
export function findProtocol(text: string): string | null {
  return /\b(\d{5,20})\b/.exec(text)?.[1] ?? null;
}

export function isImplantationClose(text: string): boolean {
  const t = fold(text);
  return /(finaliz|termin|conclu|encerr|acabei|fechei|entreguei)/.test(t) && /implant/.test(t);
}

/** "Parecer: cliente satisfeito..." written inline with the close. */
export function inlineParecer(text: string): string | null {
  const match = /parecer\s*[:\-–]\s*(.+)$/is.exec(text);
  return match?.[1]?.trim() || null;
}

const NEGATIVE = /\b(nao consegui|nao falei|sem contato|nao atendeu|nao atende|nao respondeu|nao tive contato|nao houve contato|nao teve contato|ninguem atendeu|sem retorno|nao deu|caixa postal)\b/;
const POSITIVE = /\b(consegui|falei|houve contato|teve contato|tive contato|atendeu|respondeu|conversamos|liguei e)\b/;

/** "sim" / "não" about whether a contact happened, in the ways agents write it. */
export function yesNo(text: string): 'yes' | 'no' | null {
  const t = fold(text);
  if (/^(s|sim|ss|claro|positivo|isso|yes|com certeza)\b/.test(t)) return 'yes';
  if (/^(n|nao|negativo|nops|nada|no)\b/.test(t)) return 'no';
  if (NEGATIVE.test(t)) return 'no';
  if (POSITIVE.test(t)) return 'yes';
  return null;
}

export function wantsRegister(text: string): boolean {
  return /\b(registr|abr[ei]|cri[ae]|gera)/.test(fold(text));
}

export function isCancel(text: string): boolean {
  return /^(cancelar|cancela|deixa pra la|esquece|sair|parar)$/.test(fold(text));
}

export type AgentCommand = { kind: 'list' } | { kind: 'status'; protocolo: string | null } | { kind: 'help' } | { kind: 'ping' };

export function agentCommand(text: string): AgentCommand | null {
  const t = fold(text);
  if (t === 'ping') return { kind: 'ping' };
  if (/^(ajuda|help|menu|\?|o que voce faz|comandos)$/.test(t)) return { kind: 'help' };
  if (/\b(meus|minhas|lista[r]?|quais) (monitoramentos|monitorias|2266)\b/.test(t) || t === 'monitoramentos') return { kind: 'list' };
  if (/^status\b/.test(t)) return { kind: 'status', protocolo: findProtocol(t) };
  return null;
}

/** The seller's (or agent's) news that the salesperson has talked to the customer (scenario B). */
export function isSellerReturn(text: string): boolean {
  const t = fold(text);
  return /\b(vendedor|vendedora)\b.*\b(retorn|respond|falou|conseguiu|deu retorno)/.test(t) || /^(retornei|retorno do cliente|falei com o cliente)\b/.test(t);
}

export type CustomerReplyKind = 'ok' | 'issue' | 'optout';

export function classifyCustomerReply(text: string): CustomerReplyKind {
  const t = fold(text);
  if (/(nao quero (mais )?(receber )?(mensage|contato)|(para|parar|pare|parem) de (me )?(mandar|enviar)|nao me mande|descadastr|sair da lista|nao envie mais)/.test(t)) {
    return 'optout';
  }
  const problem = /(erro|problema|duvida|nao (consigo|sei|funciona|esta|ta|abre|emite|imprime)|travou|trava|falha|ajuda|como (faco|faz)|rejeit|lento|parou|\?)/.test(t);
  const fine = /(tudo (certo|ok|bem|tranquilo|otimo|perfeito|joia|beleza|em ordem|funcionando)|ta tudo|esta tudo|funcionando (bem|direitinho|normal)|sem (problema|duvida)|nenhum(a)? (problema|duvida)|tranquilo|beleza|tudo ok|td ok|td certo|tudo blz|ok obrigad|otimo|perfeito|de boa)/.test(t);
  if (fine && !problem) return 'ok';
  if (problem) return 'issue';
  return /^(ok|blz|sim|certo|bom|bem|obrigad[oa]|valeu)\b/.test(t) && t.length < 25 ? 'ok' : 'issue';
}
