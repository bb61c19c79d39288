/**
 * The exact formats of the agents' dialogs that stay rules (intents, entities and everything
 * else people mean are read by the language layer, `src/nlu/`).
 */

/** "Parecer: cliente satisfeito..." written inline with the close. */
export function inlineParecer(text: string): string | null {
  const match = INLINE_PARECER.exec(text);
  return match?.[1]?.trim() || null;
}

/** The parecer's own label as agents type it ("parecer", "parcer", "parecer técnico"). */
const PARECER_WORD = String.raw`(?:parecer|parcer|pareser|parecr)(?:\s+t[eé]cnico)?`;
// …or the template's own "P:" ("implantacao do 123 finalizada, P: cliente bem satisfeito": found by an outside tester).
const INLINE_PARECER = new RegExp(String.raw`(?:\b${PARECER_WORD}\s*[:\-–]|(?<![\p{L}\d])p\s*:)\s*(.+)$`, 'isu');
const FROM_PARECER = new RegExp(String.raw`(?:${PARECER_WORD}|(?<![\p{L}\d])p\s*:).*$`, 'isu');

/** The close's words before its inline parecer (where the customer's code is looked for). */
export function beforeInlineParecer(text: string): string {
  return text.replace(FROM_PARECER, '');
}

/** The parecer's own label at its start ("parecer:", "parcer -", "P:", "parecer cliente animado"): no part of it. */
export function withoutParecerLabel(text: string): string {
  return text.replace(PARECER_LABEL, '').trim();
}

const PARECER_LABEL = new RegExp(String.raw`^\s*(?:(?:o\s+|meu\s+)?${PARECER_WORD}\s*(?:[ée]|eh)?\s*[:\-–]?|p\s*[:\-–])\s*`, 'i');

/** "…, registra o rsp pra mim" with the parecer: the RSP is to be opened by the bot. */
const RSP_REQUEST = /[\s,.;]*(?:\be\s+)?(?:(?:(?:pode|pfv|por favor|ja)\s+)?(?:registra|registre|registrar|abre|abra|abrir|cria|crie|criar|lanca|lança|lance|faz|faça|faca)\s+(?:o\s+|um\s+)?rsp\b|\b(?:o\s+)?rsp\s*[,:\-–]?\s*(?:(?:vc|voc[eê])\s+)?(?:registra|registre|registrar|abre|abra|abrir|cria|crie|criar|lanca|lança|lance|lancar|lançar|faz|faça|faca|fazer)\b(?:\s+(?:vc|voc[eê]))?)(?:\s+(?:pra|para)\s+mim)?(?:\s+(?:tb|tamb[eé]m|por favor|pfv|pf))?[\s.!]*/i;

/** The parecer without a request to open the RSP, and whether it held one. */
export function rspRequested(text: string): { rest: string; requested: boolean } {
  const m = RSP_REQUEST.exec(text);
  if (!m) return { rest: text, requested: false };
  return { rest: (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ').replace(/[\s,;:–-]+$/, '').trim(), requested: true };
}

/** "deixa pra lá, depois eu faço" where the parecer is asked: the close is put off, not a parecer. */
export function putsOff(folded: string): boolean {
  return /^\s*(?:(?:ah|ih|opa|ops|nao|n)[\s,]+)?(?:deixa (?:pra la|pra depois|quieto|isso pra depois)|depois eu (?:faco|vejo|termino|mando|registro)|faco depois|vejo depois|termino depois|mais tarde eu (?:faco|vejo|termino))\b/.test(folded);
}

/** Words that judge a delivery or the customer's perception of it (what a parecer says). */
const JUDGES = /\b(?:satisfeit\w*|insatisfeit\w*|gostou|gostaram|elogi\w*|reclam\w*|d[uú]vidas?|tranquil\w*|tranquilo|bem|[oó]tim[oa]|bom|boa|ruim|dif[ií]cil|dificuldade\w*|resistente|aprendeu|aprenderam|entendeu|entenderam|pegou|pegaram|treinad\w*|perceb\w*|feliz|contente|animad\w*|preocupad\w*|inseguro\w*|insegura\w*)\b/i;

/**
 * "terminei a implantação do cliente 123, cliente satisfeito mas teve dúvida no fechamento de
 * caixa": the words after the customer's code, when they judge the delivery, are the parecer said
 * unlabelled (not "…do cliente 123, pode criar o 2266?"). `code`: the code as read (000123).
 */
export function parecerAfterCode(text: string, code: string): string | null {
  const at = new RegExp(`\\b0*${Number(code)}\\b`).exec(text);
  if (!at) return null;
  const rest = text
    .slice(at.index + at[0].length)
    .replace(/^[\s,.;:!–-]+/, '')
    .replace(/^(?:(?:hoje|agora|ontem|hj|tb|tbm|tamb[eé]m)\b[\s,.;:!–-]*)+/i, '')
    // An RSP said there, even a number too short to be a protocol ("rsp 55012"), is no part of the parecer.
    // ("protocolo do RSP 2026…", "o número do rsp é …": its label goes with it.)
    .replace(/(?:\b(?:e|com)\s+)?(?:\b(?:o\s+)?(?:protocolo|prot|n[uú]mero|n[º°o])\.?\s+d[oa]\s+)?\b(?:o\s+)?rsp\b\s*(?:(?:é|eh|e|n[º°o]\.?)\s*)?[:#=-]?\s*\d[\d.\-/ ]*\d\b[\s,.;:–-]*/i, '')
    .replace(/[\s,;:–-]+$/, '')
    .trim();
  return rest.split(/\s+/).length >= 3 && JUDGES.test(rest) ? rest : null;
}
