import { fold } from '../util/text.js';

/** Wording QA counts against a plantão technician (docs/mission/weekend-on-call.md). */
export type WordingKind = 'calls' | 'training';

/** Words of a call: a phone call, the phone, the softphone. */
const CALL = /^(ligac\w*|ligar|liga|ligam|ligue|telefon\w*|fone|chamadas?|zoiper|softphone)$/;
/** A refusal near them: "não atendemos", "não temos", "não há", "sem atendimento", "só por chat". */
const REFUSE = /^(nao|n|nem|sem|ninguem|nunca)$/;
const ONLY_CHAT = /\b(so|somente|apenas|exclusivamente)( (por|pelo|via|no|aqui|este|esse|o))* (aqui|chat|canal|whats\w*|mensage\w*|escrito|texto)\b/;
/** The customer the technician talks to (you, your team) and what scolds them: had, did, forgot, should know. */
const YOU = /\b(voce|voces|vc|vcs|ce|ces|o sr|a sra|senhor|senhora|sua equipe|seu pessoal|pessoal de voces|pessoal de vcs|quem)\b/;
const SCOLD = /\b(teve|tiveram|fez|fizeram|participou|participaram|recebeu|receberam|lembra|esqueceu|esqueceram|leram|leu|viu|viram|deveria|deveriam|era pra|aprende|aprendeu|aprenderam|foi treinad\w*|foram treinad\w*)\b/;
const TRAINING = /\b(treinament\w*|treino|treinad\w*|curso|capacitac\w*|implantac\w*)\b/;
const TAUGHT = /\b(foi|ja foi|foram|e|eh) (ensinad|explicad|passad|mostrad|vist)\w* (no|na|durante|em) (o |a )?(treinament|implantac|curso|capacitac)|\b(no|na|durante o|durante a) (treinament|implantac|curso|capacitac)\w* (isso )?(ja )?(foi|foram) (ensinad|explicad|passad|mostrad|vist)/;
const NOT_TAUGHT = /\b(nao|n) (te |lhe |vos |les )?(ensinaram|explicaram|mostraram|passaram)\b/;
/** Proper talk of training: scheduling it, the sector that gives it. */
const SCHEDULING = /\b(agend\w*|marc\w*|solicit\w*|pedir|peca|peço|setor|comercial)\b/;

/**
 * The rules' reading: telling the customer that calls are not answered, or scolding them with
 * their training, as technicians type it (no accents, "n", "vc", "ligacao"). Word rules over
 * the folded text; the language layer adds a classifier trained on data/nlu/train/technician*.tsv
 * for the phrasings the rules miss (`LanguageModel.technician`).
 */
export function wordingByRules(text: string): WordingKind | null {
  const t = fold(text).replace(/ñ/g, 'n').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  const words = t.split(' ');
  const callAt = words.flatMap((w, i) => (CALL.test(w) ? [i] : []));
  if (callAt.length > 0) {
    // A refusal within eight words of the call (either side), or "só por chat" with a call named.
    const refused = callAt.some((i) => words.slice(Math.max(0, i - 8), i + 9).some((w) => REFUSE.test(w)));
    const offer = /\b(posso|vou|te|pode|podemos|consigo|ligo|liguei|ligue|caiu)\b/.test(t) && !/\b(nao|n|ninguem|sem)\b/.test(t);
    if ((refused || ONLY_CHAT.test(t)) && !offer) return 'calls';
  }
  if (TAUGHT.test(t) || NOT_TAUGHT.test(t)) return 'training';
  if (TRAINING.test(t) && SCOLD.test(t) && (YOU.test(t) || /\?|\bne\b/.test(text.toLowerCase()) || /\b(nao|n) (lembra|leram|leu|viu)/.test(t))) {
    if (SCHEDULING.test(t) && !/\b(teve|tiveram|fez|fizeram|lembra|esqueceu|deveria|era pra)\b/.test(t)) return null;
    return 'training';
  }
  return null;
}

/** A line that speaks of calls at all (the classifier's reading of "calls" needs one). */
const CALL_CUE = /(ligac|ligar|liga|telefon|fone|chamada|zoiper|softphone|ramal|voz|0800|discar|linha|call)/;
/** A line that speaks of training or the implantation at all (the same, for "training"). */
const TRAINING_CUE = /(treinament|treino|treinad|implantac|instrutor|curso|apostila|material|aula|basic|ensin|explic|mostr|passad|capacitac)/;

/** Whether the line names what a `kind` is about: the classifier flags nothing else. */
export function cues(text: string, kind: WordingKind): boolean {
  return (kind === 'calls' ? CALL_CUE : TRAINING_CUE).test(fold(text));
}
