import { StemmerPt, TokenizerPt } from '@nlpjs/lang-pt';
import { fold } from '../util/text.js';

/**
 * How the language layer reads a message before classifying it: accents and case folded,
 * WhatsApp spellings written out ("vc" → "voce", "td" → "tudo", "obg" → "obrigado"), letters
 * stretched for emphasis shrunk ("siiim"), laughter and numbers replaced by what they are (a
 * protocol, a customer code, a menu option), then nlp.js's Portuguese tokenizer and stemmer.
 * The features are the stems and the pairs of neighbouring stems ("nao_deu", "tudo_cert"), so
 * that a negation or a set phrase weighs apart from its words.
 */

const SLANG: Record<string, string> = {
  vc: 'voce', vcs: 'voces', voc: 'voce', pq: 'porque', porq: 'porque', pqp: 'porque', td: 'tudo', tdo: 'tudo', tds: 'todos',
  blz: 'beleza', blza: 'beleza', obg: 'obrigado', obgd: 'obrigado', obgda: 'obrigada', obrg: 'obrigado', brigado: 'obrigado',
  brigada: 'obrigada', brigadao: 'obrigado', msm: 'mesmo', hj: 'hoje', q: 'que', oq: 'o que', tb: 'tambem', tbm: 'tambem',
  pfv: 'por favor', pf: 'por favor', pls: 'por favor', plz: 'por favor', vlw: 'valeu', vlws: 'valeu', flw: 'falou', tmj: 'valeu',
  qdo: 'quando', qnd: 'quando', n: 'nao', nn: 'nao', naum: 'nao', nao: 'nao', s: 'sim', ss: 'sim', sim: 'sim', cli: 'cliente',
  clt: 'cliente', msg: 'mensagem', msgs: 'mensagens', ta: 'esta', tah: 'esta', to: 'estou', pra: 'para', pro: 'para o',
  pros: 'para os', nd: 'nada', ngm: 'ninguem', agr: 'agora', dps: 'depois', mto: 'muito', mt: 'muito', mta: 'muita', qq: 'qualquer',
  ctz: 'certeza', cmg: 'comigo', vdd: 'verdade', aki: 'aqui', eh: 'e', kd: 'cade', okay: 'ok', oks: 'ok', okk: 'ok', okey: 'ok',
  certinho: 'certo', certim: 'certo', hrs: 'horas', hr: 'hora', impl: 'implantacao', implant: 'implantacao', sist: 'sistema',
  tava: 'estava', tô: 'estou', mim: 'mim', fds: 'fim de semana', obrigadao: 'obrigado', valew: 'valeu', vlww: 'valeu',
  atd: 'atendimento', atdm: 'atendimento', atendim: 'atendimento', treino: 'treinamento', trein: 'treinamento',
  sup: 'sup', dsn: 'dsn', rsp: 'rsp', nfe: 'nfe', nfce: 'nfce', ja: 'ja', jah: 'ja', tipo: 'tipo', num: 'nao',
  // What the base calls "personalizada", agents also call "customizada".
  customizada: 'personalizada', customizado: 'personalizado', customizadas: 'personalizadas', customizados: 'personalizados',
  customizacao: 'personalizacao', customizacoes: 'personalizacoes', customizar: 'personalizar', customiza: 'personaliza',
  custom: 'personalizada',
  plant: 'plantao', plants: 'plantoes', monit: 'monitoramento', prot: 'protocolo',
};

/** The ticket-type codes of the routine keep their meaning when written with or without zeros. */
const TICKET_CODES = new Set(['000001', '000002', '000003', '000025', '000029', '000030']);

function numberToken(digits: string): string {
  if (digits === '2266') return '2266';
  if (digits.length >= 7) return 'numprotocolo';
  if (digits.length === 1) return `num${digits}`;
  const padded = digits.padStart(6, '0');
  if (digits.length <= 6 && TICKET_CODES.has(padded) && digits.startsWith('0')) return padded;
  return 'numcodigo';
}

/** Digits said as words, as a phone transcribes a voice message ("dois dois seis seis", "zero zero zero zero zero um"). */
const DIGIT_WORDS: Record<string, string> = { zero: '0', um: '1', dois: '2', tres: '3', quatro: '4', cinco: '5', seis: '6', sete: '7', oito: '8', nove: '9' };
const DIGIT_WORD = Object.keys(DIGIT_WORDS).join('|');
/** Two or more digits said in a row, possibly ending in a number ("zero zero zero zero 29"): one number. */
const SPOKEN_DIGITS = new RegExp(`\\b(?:${DIGIT_WORD})(?: (?:${DIGIT_WORD}))*(?: (?:${DIGIT_WORD}|\\d{1,2}))\\b`, 'g');
/** "vinte e nove", "vinte e cinco": the codes said as numbers. */
const SPOKEN_TENS = new RegExp(`\\bvinte e (${DIGIT_WORD})\\b`, 'g');

const tokenizer = new TokenizerPt(undefined, true);
const stemmer = new StemmerPt();

/** The words of a message, normalised (no stemming): what the features and the entities read. */
export function words(text: string): string[] {
  const folded = fold(text)
    .replace(/\b(?:k{3,}|(?:ha){2,}h?|(?:he){2,}|rs(?:rs)+|kk)\b/g, ' risada ')
    .replace(/([a-z])\1{2,}/g, '$1')
    .replace(/([a-z])\1\b/g, (m, c: string) => (c === 'r' || c === 's' ? m : c)) // "simm", "okk", "naoo"
    .replace(/nf-?c-?e/g, ' nfce ')
    .replace(/nf-?e/g, ' nfe ')
    .replace(/(\d)\s*[ªºa°o]\b/g, '$1a')
    .replace(/(\d)[.\-/](?=\d)/g, '$1')
    .replace(SPOKEN_TENS, (_m, unit: string) => `2${DIGIT_WORDS[unit]}`)
    .replace(SPOKEN_DIGITS, (m) => m.split(' ').map((w) => DIGIT_WORDS[w] ?? w).join(''));
  const out: string[] = [];
  for (const raw of tokenizer.tokenize(folded, false)) {
    for (const token of raw.split(/[^a-z0-9]+/).filter(Boolean)) {
      if (/^\d+$/.test(token)) out.push(numberToken(token));
      else if (/^\d+a$/.test(token)) out.push(`${token.slice(0, -1)}a`); // 1a, 2a: an ordinal (semana)
      else out.push(...(SLANG[token] ?? token).split(' '));
    }
  }
  return out;
}

const NUMBER_TOKENS = /^(num|\d)/;

/**
 * Stems computed once: the last text read (one message is read by several models in turn: the
 * agent's, the FAQ's classifier and its second opinion), and every text read while training
 * (`stemsOnce`: each FAQ question is read by three models). The training ones are emptied when
 * training ends, so the messages read afterwards keep nothing but the last.
 */
const STEMMED = new Map<string, readonly string[]>();
let training = false;
let last: { text: string; stems: readonly string[] } | null = null;

export function stems(text: string): string[] {
  const known = last?.text === text ? last.stems : training ? STEMMED.get(text) : undefined;
  if (known) return [...known];
  const result = words(text).map((w) => (NUMBER_TOKENS.test(w) ? w : stemmer.stemWord(w)));
  last = { text, stems: result };
  if (training) STEMMED.set(text, result);
  return [...result];
}

/** From now until the function returned is called, each text's stems are computed once. */
export function stemsOnce(): () => void {
  training = true;
  return () => {
    training = false;
    STEMMED.clear();
  };
}

/** The features of a message: its stems and the pairs of neighbouring stems. */
export function features(tokens: readonly string[]): Record<string, number> {
  const result: Record<string, number> = {};
  tokens.forEach((t, i) => {
    result[t] = 1;
    const next = tokens[i + 1];
    if (next !== undefined) result[`${t}_${next}`] = 1;
  });
  return result;
}

/** What the features depend on, for the trained-model file's key: a change here means training again. */
export const FEATURES_SOURCE = [words, stems, features, numberToken].map(String).join('\n') + JSON.stringify([SLANG, [...TICKET_CODES]]);
