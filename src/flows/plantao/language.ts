import { fold } from '../language.js';

/**
 * What customers and partners write on the plantão, WhatsApp style: typos, no accents,
 * abbreviations. Each function reads one intent; `classifyPlantao` picks the one that counts.
 */

export type PlantaoIntent = 'all_fine' | 'solved' | 'schedule' | 'other';

const SCHEDULE_TOPIC =
  /(treinament|treinar|capacita|ajust\w* (de |do |da |dos |das |no |nos |na |nas )?(cupo|cupom|cupons|ticket|tiket)|(cupo|cupom|ticket|tiket)s? .{0,20}ajust|etiqueta|nf-?c?-?e .{0,25}personaliz|personaliz\w* .{0,25}nf-?c?-?e|layout .{0,20}(nf|danfe|cupom)|danfe personaliz)/;
const SCHEDULE_VERB = /(agend|marc|reserv|horario|data|dia |quando|pode(m|ria)? (vir|fazer)|consegue(m)? (fazer|vir)|preciso|quero|gostaria|queria|dá pra|da pra|tem como)/;

/** A request to schedule training, coupon/ticket adjustment, labels or custom NF-e/NFC-e. */
export function schedulingTopic(text: string): string | null {
  const t = fold(text);
  if (!SCHEDULE_TOPIC.test(t) || !SCHEDULE_VERB.test(t)) return null;
  if (/treinament|treinar|capacita/.test(t)) return 'treinamento';
  if (/etiqueta/.test(t)) return 'etiquetas';
  if (/nf-?c?-?e|danfe|layout/.test(t)) return 'NF-e/NFC-e personalizada';
  return 'ajuste de cupom/ticket';
}

const FINE =
  /(tudo (certo|ok|okay|oks|beleza|blz|tranquilo|em ordem|resolvido|joia|jóia|show|perfeito|otimo|bem)|ta tudo|esta tudo|td (certo|ok|blz|tranquilo|bem)|tdo (ok|certo)|so isso|somente isso|era so isso|e so isso|era isso|nada mais|mais nada|nao preciso (de )?mais|nao (e )?necessario mais|pode(m)? (encerrar|fechar|finalizar)|pode (encerra|fecha)|ja (esta|ta) (ok|certo|funcionando)|funcionou|deu certo|consegui(mos)?$|consegui aqui|ja consegui|obrigad[oa] (pela ajuda|por tudo|,? (era|e) so isso)|valeu,? (era|e) so|brigad[oa]|vlw|tmj|agradeco)/;
const SOLVED = /(resolvid|resolveu|resolvi|solucionad|normaliz|voltou a funcionar|ja funciona|funcionando (agora|de novo|normal)|deu certo|funcionou|ok agora|tudo certo agora|problema sanado|sanado)/;
const OPEN_QUESTION = /(\?|mas |porem|so que|ainda (nao|da|esta|ta)|continua|de novo (o|a) (erro|problema)|outro (erro|problema)|mais uma (duvida|coisa)|outra (duvida|coisa)|nao (funcion|deu|consegui|resolv))/;

export function classifyPlantao(text: string): PlantaoIntent {
  const t = fold(text);
  if (schedulingTopic(text)) return 'schedule';
  if (OPEN_QUESTION.test(t) && !/^(nao|n),? (obrigad|precis)/.test(t)) return 'other';
  if (SOLVED.test(t)) return 'solved';
  if (FINE.test(t)) return 'all_fine';
  return 'other';
}
