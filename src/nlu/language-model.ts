import { cues, wordingByRules, type WordingKind } from './wording.js';
import type { FaqIndex } from '../faq/faq-index.js';
import { fold } from '../util/text.js';
import { asksSomething, asksWhatToDo, putsACase } from './question-cues.js';
import { asksAboutTopic, asksIfItWorks, namesScheduleTopic } from './schedule-topic.js';
import { stemsOnce } from './features.js';
import { IntentClassifier, type ClassifierJson, type Example, type Scored } from './classifier.js';
import { UNSAID, type Corpus } from './dataset.js';
import type { Neighbours } from './neighbours.js';
import { LinearClassifier, type LinearJson } from './linear-classifier.js';
import { neighboursOf, readFaq, retrievalOf, type FaqDecision } from './faq-reading.js';
import { DEFAULT_THRESHOLDS, FAQ_TRAINING, TRAINING, type Thresholds } from './settings.js';
import { asksToOptOut, backMyself, changesHands, deniesAllFine, fellDown, fineAndClose, fineAtTheEnd, fineButNot, hedged, holdsOnToCheck, maybeNotFine, onlyAcknowledges, outranksWait, politeNoThenFine, problemGone, problemNow, saysAllFine, saysNoProblem, saysStop, stillWaits, takesBackAllFine, unclearComeback } from './caveat.js';
import { afterYes, contactTold, deniesContact, notYetTried, saysContact, tellsContact, type DemandIntent } from './checkin-slots.js';
import { customerCode, option, protocol, week } from './entities.js';
import { DEMAND_MENU_INTENTS, EXPECTED_ANSWERS, type AgentContext, type AgentIntent, type CustomerIntent, type ScheduleTopic } from './intents.js';

/** "como funciona a PLR", "o que é o banco de horas": how a thing works, named (not "como funciona isso", "esse bot", "vc"). */
const HOW_A_THING_WORKS = /\b(?:como funciona|como e que funciona|o que e|oq e|oque e)\s+(?:(?:o|a|os|as)\s+)?(?!(?:isso|isto|esse|este|essa|esta|aqui|vc|voce|tu|o bot|bot|robo|chat|sistema de ajuda)\b)\p{L}{2,}/u;

/** A question word with a thing named after it ("qnd cai o vale", "onde fica o refeitorio"), not a courtesy ("como vai", "tudo bem"). */
const ASKS_ABOUT_A_THING =
  /\b(?:quando|qnd|qdo|onde|qual|quais|quanto|quantos|quantas|qto|que horas|pq|por que|porque|o que|oq)\s+(?!(?:vc|voce|vcs|voces|tu|ce)\b)(?:\S+\s+){0,3}?(?:o|a|os|as|do|da|no|na|de|meu|minha)\s+(?!(?:seu|sua|teu|tua)\b)\p{L}{3,}|^(?:o|a|os|as|meu|minha)\s+\p{L}{3,}(?:\s+\S+){0,4}\s+(?:quando|qnd|qdo|onde|quanto|qto|qnto)[\s?.!]*$/u;

/** The dialog steps whose question is a yes or a no (or the RSP's protocol): a question asked there is never their answer. */
const YES_NO_CONTEXTS: ReadonlySet<AgentContext> = new Set(['checkin.contact', 'faq.offer', 'close.rsp']);

/** From this score the agent model's "question" is sure: a question the base does not know is still put to it (and kept for the supervisors). */
const SURE_QUESTION = 0.9;

/** "pode criar?", "cria pra mim?", "vc abre?": where the bot offers to create, a request to do it is its yes. */
const ASKS_TO_DO_IT = /^(?:(?:e )?(?:vc|voce|tu) )?(?:(?:pode|podes|consegue|poderia|da pra|dá pra) )?(?:cria|criar|crie|abre|abrir|abra|faz|fazer|faca|registra|registrar|registre|lanca|lancar)(?: (?:ele|ela|isso|esse|pra mim|p mim|por mim|pfv|pf|por favor|ai|aí|la|lá|o 2266|pra ele))*[?!. ]*$/;

/** Below this a customer's "all fine" not said in so many words is unsure. */
const SURE_ALL_FINE = 0.7;


export interface AgentEntities {
  customerCode: string | null;
  protocol: string | null;
  option: number | null;
  week: 1 | 2 | 3 | null;
}

/**
 * What an agent's message means where it was written:
 * - `intent`: a command, a dialog answer or a report (close, week, seller's return);
 * - `faq`: a question for the knowledge base (answered, two options, or not known);
 * - `unclear`: inside a dialog, neither an answer nor anything else with confidence: ask again.
 */
export type AgentReading =
  | { kind: 'intent'; intent: AgentIntent; confidence: number; entities: AgentEntities; interrupts: boolean }
  | { kind: 'faq'; faq: FaqDecision; entities: AgentEntities; interrupts: boolean }
  | { kind: 'unclear'; confidence: number; entities: AgentEntities };

export interface CustomerReading {
  intent: CustomerIntent;
  confidence: number;
  /** For a scheduling request: what is to be scheduled. */
  topic: ScheduleTopic | null;
  /**
   * An "all fine" (or "resolvido") taken back in the same message ("tudo certo, mas a nota não
   * sai"): read as `customer.other`, never as a reason to close; the flows answer both halves.
   */
  allFineBut?: boolean;
  /** An "all fine" or "solved" the layer is not sure of ("ok", "obrigada"): the bot asks once before it closes. */
  unsure?: boolean;
  /**
   * An "all fine" in so many words that a bare "voltou" may take back ("voltou, tudo ok": the
   * system, or the problem?): read as `customer.other`; the plantão asks once whether it may close.
   */
  askToClose?: boolean;
}

export interface LanguageJson {
  dialog: ClassifierJson;
  agent: ClassifierJson;
  faq: ClassifierJson;
  customer: ClassifierJson;
  technician: ClassifierJson;
  demand: ClassifierJson;
  /** The FAQ's second opinion (`linear-classifier.ts`). */
  faqLinear: LinearJson;
}

export interface Explanation {
  top: { label: string; score: number }[];
}

/**
 * To tell a question from a command, the agent model learns from at most this many of the FAQ's
 * questions (`someQuestions`): with all of them the label `question` outweighs the commands (dev split,
 * all agent messages: 95.6% with 2,240 questions, 97.1% with 1,200, 98.5% with 1,000, while the
 * dev-v2 FAQ falls from 91.2% to 89.7% at 1,000).
 */
const AGENT_MODEL_QUESTIONS = 1200;
const FAQ_PREFIX = 'faq.';
/** The topic a scheduling label names ("schedule.training" → "training"), or null for any other label. */
function topicOf(label: string): ScheduleTopic | null {
  return label.startsWith('schedule.') ? (label.slice('schedule.'.length) as ScheduleTopic) : null;
}

/** A status asked for in so many words: what the base does not know, asked so, is that command. */
const STATUS_WORD = /\b(?:status|situacao|andamento)\b/;
/** The agent model's label for a question for the knowledge base (in or out of its scope). */
const QUESTION = 'question';

/** Words to the bot itself (stop, help, chat): a question the base answers is never one of them. */
const BY_THE_WAY: ReadonlySet<string> = new Set(['agent.cancel', 'agent.help', 'agent.smalltalk']);

/** Commands that act on one customer or ticket: without one named, a question about them is for the FAQ. */
const NEEDS_OBJECT: ReadonlySet<string> = new Set(['agent.close', 'agent.week', 'agent.seller_return', 'agent.status']);

/** The words that say "stop this" (data/nlu/train/agent*.tsv's agent.cancel): without one, the model's "cancel" is checked against the base. */
const CANCEL_WORDS =
  /\b(?:cancel\w*|pula|pular|deixa|deixe|esquece|esqueca|larga|ignora|ignore|abandona|aborta|abortar|desisti\w*|interromp\w*|anula|anular|stop|chega|desconsidera|encerra\w*|nao quero|nao continua|nao vou|agora nao|mais tarde|por enquanto|outra hora)\b|^(?:para|pare|parar|sai|sair|volta)\b|\b(?:para|pare) (?:tudo|ai|aqui|por aqui|pfv)\b|\bsai (?:desse|dessa|disso|daqui)\b|\b(?:pode sair|volta do zero|volta pro inicio)\b|\bdepois (?:eu )?(?:vejo|faco|termino|volto|respondo|registro)\b|\b(?:para|parar|sair)$/;
/**
 * "Cancela", "esquece", "desconsidera" said to the bot (not "não cancela", nor "como cancela a nota"): inside a dialog it
 * is a cancel whatever else the message says ("opa, na vdd deixa, cancela, ainda nao eh a semana
 * dele" is no "no contact").
 */
const CANCEL_SAID = /(?<!\b(?:nao|n|como|pra|para|de|que|q) )\b(?:cancela|cancele|cancelem|esquece|esqueca|desconsidera|desconsidere)\b(?! (?:a|o|as|os|uma|um|uns|umas|na|no|de|da|do)\b)/;
/** An answer to "conseguiu falar com o cliente?" opening with a yes in so many words ("sim, …", "ss", "falei sim, …"). */
const OPENS_WITH_YES = /^\s*(?:sim+|s+|siim|isso|claro|falei|consegui|conversei)\b(?!\s+(?:n|nao)\b)/;

/** From this confidence an answer of the base outweighs the list of monitorings for a question. */
const SURE_ANSWER = 0.5;
/** Words that ask for one's own monitorings ("tenho quantos abertos?", "meus monitoramentos"): the list, whatever the base says. */
const OWN_LIST = /\b(?:tenho(?! (?:q|que|de)\b)|meus|minhas|lista|listar|mostra|mostrar|manda)\b/;

/** Words that name the agent's own (the list is of their monitorings): a question with none asks about the routine. */
const ONES_OWN = /\b(?:comigo|meus?|minhas?|eu|mim|tenho|temos|nossos?|lista\w*|mostr\w*|ver|manda|passa|quais|quantos|quantas|qnts|qntos|andamento|abertos?|ativos?|quem (?:ta|esta))\b/;

/** "Aí sim", "aí sim!! valeu": the customer's approval of what was just done. */
const THERE_YOU_GO = /^\s*(?:a[ií]|agora|agr) sim\b[\s!.,]*(?:(?:obg|obrigad[oa]|valeu|vlw|brigad[oa])[\s!.]*)?$/;

/** FNV-1a of a text: a stable, well-spread number for choosing a sample by content. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The FAQ questions the agent model learns `question` from: about one in `step` (at most
 * AGENT_MODEL_QUESTIONS), each chosen by its own text, not by its position, so that a line added
 * to the data or a phrasing to the base changes no other choice while the step stays (by position,
 * five phrasings added to the base turned five dev questions into commands).
 */
export function someQuestions<T extends { text: string }>(questions: readonly T[]): T[] {
  const step = Math.max(3, Math.ceil(questions.length / AGENT_MODEL_QUESTIONS));
  return questions.filter((q) => textHash(q.text) % step === 0);
}

/** What `assemble` builds before the model: retrieval, the nearest questions, the classifiers. */
interface AssembledParts {
  retrieval: FaqIndex;
  neighbours: Neighbours;
  classifiers: Partial<Record<Exclude<keyof LanguageJson, 'faqLinear'>, IntentClassifier>>;
  faqLinear?: LinearClassifier;
}


/** "Oi, …", "boa tarde! …": the message without the greeting it opens with. */
function withoutGreeting(text: string): string {
  return text.replace(/^\s*(?:(?:o+i+|ol[aá]|opa|ei|al[oô]|bom\s+dia|boa\s+tarde|boa\s+noite)\b[\s,!.:;-]*)+/i, '');
}

export class LanguageModel {
  /** The agent's commands, reports and dialog answers (data/nlu/train/agent*.tsv) alone. */
  private readonly dialogModel: IntentClassifier;
  /** The same, with every question for the knowledge base as one more label, `question`. */
  private readonly agentModel: IntentClassifier;
  /** The knowledge base's entries and `none` (out of scope). */
  private readonly faqModel: IntentClassifier;
  /** The same questions read by a softmax regression over TF-IDF: the FAQ's second opinion. */
  private readonly faqLinear: LinearClassifier;
  private readonly customerModel: IntentClassifier;
  /** A plantão technician's lines to customers: refusing calls, scolding with the training (QA). */
  private readonly technicianModel: IntentClassifier;
  /**
   * The demand of a check-in told in words ("ele tinha dúvida pra tirar o relatório"): trained on
   * the agents' demand answers, in whatever context, and on the bare yeses as `unsaid`, so that an
   * answer that names no demand is not given one.
   */
  private readonly demandModel: IntentClassifier;
  /** Retrieval over the base and the FAQ training data: the nearest phrasings, another view of the same question. */
  private readonly retrieval: FaqIndex;
  /** The nearest labelled questions (each phrasing on its own): a third voter. */
  private readonly neighbours: Neighbours;

  constructor(
    corpus: Corpus,
    private readonly faqIndex: FaqIndex,
    private readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
    /** Classifiers trained before (`toJSON`): taken as they are, nothing is trained. */
    trained?: LanguageJson,
    /** The parts already built from them (`assemble`, a piece at a time). */
    parts?: AssembledParts,
  ) {
    this.retrieval = parts?.retrieval ?? retrievalOf(corpus, faqIndex);
    this.neighbours = parts?.neighbours ?? neighboursOf(corpus, faqIndex);
    if (trained) {
      const c = parts?.classifiers;
      this.dialogModel = c?.dialog ?? IntentClassifier.fromJSON(trained.dialog);
      this.agentModel = c?.agent ?? IntentClassifier.fromJSON(trained.agent);
      this.faqModel = c?.faq ?? IntentClassifier.fromJSON(trained.faq);
      this.customerModel = c?.customer ?? IntentClassifier.fromJSON(trained.customer);
      this.technicianModel = c?.technician ?? IntentClassifier.fromJSON(trained.technician);
      this.demandModel = c?.demand ?? IntentClassifier.fromJSON(trained.demand);
      this.faqLinear = parts?.faqLinear ?? LinearClassifier.fromJSON(trained.faqLinear);
      return;
    }
    const kb: Example[] = faqIndex.entries().flatMap((e) => [e.question, ...e.phrasings].map((text) => ({ label: `${FAQ_PREFIX}${e.id}`, text })));
    const questions = [...corpus.faq, ...kb];
    const stemmed = stemsOnce();
    try {
      this.dialogModel = new IntentClassifier(corpus.agent, TRAINING);
      // To tell a question from a command, a third of the questions (at most AGENT_MODEL_QUESTIONS)
      // teach as much as all of them (dev split and cross-validation alike) in less training time.
      this.agentModel = new IntentClassifier([...corpus.agent, ...someQuestions(questions).map((q) => ({ label: QUESTION, text: q.text }))], TRAINING);
      this.faqModel = new IntentClassifier(questions, FAQ_TRAINING);
      this.faqLinear = new LinearClassifier(questions);
      this.customerModel = new IntentClassifier(corpus.customer, TRAINING);
      this.technicianModel = new IntentClassifier(corpus.technician, TRAINING);
      const demands = corpus.agent.filter((u) => u.label.startsWith('demand.') || (u.label === 'answer.yes' && u.context === 'checkin.contact'));
      this.demandModel = new IntentClassifier(
        [...demands, ...corpus.demand].map((u) => ({ label: u.label.startsWith('demand.') ? u.label : UNSAID, text: afterYes(u.text) })).filter((u) => u.text),
        TRAINING,
      );
    } finally {
      stemmed();
    }
  }

  /**
   * A model trained elsewhere (a worker thread), put together a piece at a time with `pause()`
   * between the pieces (each 10–170 ms), so that the event loop serves requests meanwhile.
   */
  static async assemble(corpus: Corpus, faqIndex: FaqIndex, trained: LanguageJson, pause: () => Promise<void>): Promise<LanguageModel> {
    const retrieval = retrievalOf(corpus, faqIndex);
    await pause();
    const neighbours = neighboursOf(corpus, faqIndex);
    await pause();
    const classifiers: AssembledParts['classifiers'] = {};
    for (const name of Object.keys(trained) as (keyof LanguageJson)[]) {
      if (name === 'faqLinear') continue;
      classifiers[name] = IntentClassifier.fromJSON(trained[name]);
      await pause();
    }
    const faqLinear = LinearClassifier.fromJSON(trained.faqLinear);
    await pause();
    return new LanguageModel(corpus, faqIndex, DEFAULT_THRESHOLDS, trained, { retrieval, neighbours, classifiers, faqLinear });
  }

  toJSON(): LanguageJson {
    return {
      dialog: this.dialogModel.toJSON(),
      agent: this.agentModel.toJSON(),
      faq: this.faqModel.toJSON(),
      customer: this.customerModel.toJSON(),
      technician: this.technicianModel.toJSON(),
      demand: this.demandModel.toJSON(),
      faqLinear: this.faqLinear.toJSON(),
    };
  }

  /** An agent's message in the bot chat, read in the context of what the bot had just asked. */
  agent(text: string, context: AgentContext): AgentReading {
    const entities: AgentEntities = { customerCode: customerCode(text), protocol: protocol(text), option: option(text), week: week(text) };
    // Exact formats first: a menu number in the demand question is that demand.
    const menu = entities.option ? DEMAND_MENU_INTENTS[entities.option] : undefined;
    if (context === 'checkin.demand' && menu) {
      return { kind: 'intent', intent: menu, confidence: 1, entities, interrupts: false };
    }
    const t = this.thresholds;
    const d = this.dialogModel.classify(text);
    const folded = fold(text);
    const asks = asksSomething(folded);
    // Small talk never stands in for a question ("pera, quanto paga o plantão?").
    const command = d.ranked.find((r) => r.label.startsWith('agent.') && !(asks && r.label === 'agent.smalltalk'));
    if (context !== 'idle') {
      // Inside a dialog, the answer that fits the open question best (by its own output, read by
      // the model that knows only the agent's answers and commands) wins over the FAQ; a command
      // clearly meant instead, or a real question, interrupts; anything else is asked again.
      const expected = EXPECTED_ANSWERS[context];
      const fit = expected.map((label) => ({ label, score: d.raw[label] ?? 0 })).sort((a, b) => b.score - a.score)[0];
      const commandRaw = command ? (d.raw[command.label] ?? 0) : 0;
      // The dialog model knows no questions: a question it takes for a command is checked against
      // the model that knows both ("pq o 2266 existe?" is not the list of monitorings).
      // An answer to "did you talk to the customer?" that opens with a yes is that answer, whatever
      // else it carries ("sim, erro de operação no cadastro, 2026120100219" is no request for a status).
      const answering = context === 'checkin.contact' && saysContact(text);
      // (one that names another customer is about that one: "esquece esse, quero o monitoramento do 6402").
      if (!asks && !entities.customerCode && CANCEL_SAID.test(folded)) return { kind: 'intent', intent: 'agent.cancel', confidence: 1, entities, interrupts: true };
      // A message that ends by asking what to do ("o cliente não respondeu na 1ª semana, abro 000029?") answers no
      // yes-or-no question, whatever it tells before: it is answered, and the bot's question resumes.
      if (YES_NO_CONTEXTS.has(context) && !answering && asksWhatToDo(text)) return { kind: 'faq', faq: this.faq(text), entities, interrupts: true };
      // "Ainda não liguei, faço amanhã" is no "no contact": the week is put off, as a "cancelar" here does (reminded the next business day).
      if (context === 'checkin.contact' && notYetTried(text)) return { kind: 'intent', intent: 'agent.cancel', confidence: 1, entities, interrupts: true };
      // …and one that opens with a no is that no, whatever it carries ("nao. ja abri o 000029 das tentativas, prot 2026…").
      if (context === 'checkin.contact' && deniesContact(text)) return { kind: 'intent', intent: 'answer.no', confidence: 1, entities, interrupts: false };
      // …and one that tells a contact after an attempt or the demand is that contact ("tentei 2x sem sucesso, mas a tarde ela
      // me retornou no whats: tudo ok" is no salesperson's return; "duvida: como cancelar NFC-e. falei com a dona" no "cancelar").
      if (context === 'checkin.contact' && !answering && !entities.customerCode && contactTold(text)) return { kind: 'intent', intent: 'answer.yes_demand', confidence: 1, entities, interrupts: false };
      // A contact told with a question about what comes next ("falei com o cliente, e agora oq faço
      // no 2266") is a question about the routine, never a command.
      const toldAndAsked = asks && tellsContact(text);
      // A question the model that knows both takes for a question is never a command here ("qual o modelo q eu colo no 2266" is no list).
      // (read only when needed: the second model is asked at most once per message, as before)
      let best: Scored | undefined | null = null;
      const agentBest = () => (best ??= this.agentBest(text));
      const questionMeant = () => asks && agentBest()?.label === QUESTION;
      if (context === 'faq.offer' && ASKS_TO_DO_IT.test(folded)) return { kind: 'intent', intent: 'answer.yes', confidence: 1, entities, interrupts: false };
      const commandMeant = !answering && !toldAndAsked && command && command.score >= t.interrupt && commandRaw > (fit?.score ?? 0) && !questionMeant();
      if (commandMeant) return { kind: 'intent', intent: command.label as AgentIntent, confidence: command.score, entities, interrupts: true };
      // The base is asked at most once per message, whichever of the questions below asks it.
      let asked: FaqDecision | undefined;
      const faq = () => (asked ??= this.faq(text));
      // A case put to the assistant ("se eu n conseguir falar, qual atendimento abro?") answers no
      // yes-or-no question; nor does a question after an offer or the RSP's question, where a yes, a
      // no or a protocol is all the bot waits for ("nao consigo contato c o cliente, oq faço").
      // A question the base does not know is put to it all the same when it is surely a question and no
      // answer fits ("posso levar o notebook pra casa no plantão?" is no "no"): "não sei", kept for the supervisors.
      const surelyAsked = () => questionMeant() && (agentBest()?.score ?? 0) >= SURE_QUESTION && (fit?.score ?? 0) < t.fit;
      if (YES_NO_CONTEXTS.has(context) && !answering && (putsACase(text) || (context !== 'checkin.contact' && questionMeant() && (faq().kind === 'answer' || surelyAsked())))) {
        return { kind: 'faq', faq: faq(), entities, interrupts: true };
      }
      // A real question the base answers, with its question mark, is answered unless it is plainly
      // an answer ("perguntou como cadastrar produto" is the customer's question, the agent's answer).
      if (text.includes('?') && (!fit || fit.score < t.strongFit) && faq().kind === 'answer') return { kind: 'faq', faq: faq(), entities, interrupts: true };
      // An answer that opens with a yes is no "no", however its words weigh ("sim, 4, impressora nao imprimia, corrigi config"
      // had been read as no contact, and a 000029 opened: found by an outside tester).
      // (…nor, opening with a yes, unclear: "sim, tudo ok" had been asked again.)
      if (answering && OPENS_WITH_YES.test(folded) && (!fit || fit.score < t.fit || fit.label === 'answer.no')) return { kind: 'intent', intent: 'answer.yes_demand', confidence: 1, entities, interrupts: false };
      if (fit && fit.score >= t.fit) return { kind: 'intent', intent: fit.label, confidence: Math.min(1, fit.score), entities, interrupts: false };
      if (!answering && !toldAndAsked && command && command.score >= t.interrupt && !(questionMeant() && faq().kind === 'answer')) return { kind: 'intent', intent: command.label as AgentIntent, confidence: command.score, entities, interrupts: true };
      if (asks && faq().kind !== 'unknown') return { kind: 'faq', faq: faq(), entities, interrupts: true };
      return { kind: 'unclear', confidence: Math.min(1, fit?.score ?? 0), entities };
    }
    // Idle: a command or a report is acted on; a question goes to the FAQ; what the base does not
    // know may still be a statement the agent model missed ("vendedor deu retorno do 873: …").
    const rawCommand = command ? (d.raw[command.label] ?? 0) : 0;
    // "Cancel" is said with a handful of words; a message with none of them is no cancel at once.
    const unsaidCancel = (label: string) => label === 'agent.cancel' && !CANCEL_WORDS.test(folded);
    if (command && !asks && rawCommand >= t.command && !unsaidCancel(command.label)) {
      return { kind: 'intent', intent: command.label as AgentIntent, confidence: command.score, entities, interrupts: false };
    }
    const best = this.agentBest(text);
    if (!best || best.label === QUESTION || best.score < t.intent) {
      const faq = this.faq(text);
      // What the base does not know may be a command all the same: small talk, or a status asked
      // for in that word ("qual o status do monitoramento do mercado?").
      const askedCommand = command?.label === 'agent.smalltalk' || (command?.label === 'agent.status' && STATUS_WORD.test(folded));
      if (faq.kind === 'unknown' && command && rawCommand >= t.intent && (!asks || askedCommand)) {
        return { kind: 'intent', intent: command.label as AgentIntent, confidence: command.score, entities, interrupts: false };
      }
      return { kind: 'faq', faq, entities, interrupts: false };
    }
    // A command that acts on a customer or a ticket, worded as a question and naming neither, is
    // a question about the routine when the base answers it ("na semana 2 ninguem atendeu, crio o 29?").
    // So is a question the agent model took for a word to the bot itself ("quais dados envio pro
    // revendedor" is no "cancelar"), and a "cancel" said with none of its words, question mark or
    // not ("tempo parado pesa"). A question taken for the list of monitorings is one for the base
    // only when the base answers it surely ("concluí as três semanas, qual é o próximo passo?");
    // "quais monitoramentos eu tenho?" is answered by no entry.
    // …and so is a case put to it, naming a customer or not ("se eu finalizei a implantacao do cliente 123 ontem ainda da
    // tempo de abrir o 2266?" asks, and closes nothing).
    const forTheBase =
      (asks && (BY_THE_WAY.has(best.label) || (NEEDS_OBJECT.has(best.label) && !entities.customerCode && !entities.protocol) || (text.includes('?') && putsACase(text)))) ||
      unsaidCancel(best.label);
    const listAsked = asks && best.label === 'agent.list' && !OWN_LIST.test(folded);
    if (forTheBase || listAsked) {
      const faq = this.faq(text);
      if (faq.kind === 'answer' && faq.confidence >= (listAsked ? SURE_ANSWER : 0)) return { kind: 'faq', faq, entities, interrupts: false };
      // "o vendedor entra em algum momento no monitoramento?" asks of no monitoring of the agent's: never the list.
      if (listAsked && !ONES_OWN.test(folded)) return { kind: 'faq', faq, entities, interrupts: false };
      // "o cliente pode cancelar o contrato…?": a question with its mark, about something the base does not know, is no "cancelar".
      if (best.label === 'agent.cancel' && text.includes('?')) return { kind: 'faq', faq, entities, interrupts: false };
    }
    // "como funciona a PLR esse ano" asks how a thing works, not how the bot does: a question for
    // the base, which says it does not know and keeps it for the supervisors (not the help menu).
    if (best.label === 'agent.help' && HOW_A_THING_WORKS.test(folded)) return { kind: 'faq', faq: this.faq(text), entities, interrupts: false };
    // "qnd cai o vale alimentacao?" asks about a thing, named: no small talk ("tudo bem?", "como vai?" are).
    if (best.label === 'agent.smalltalk' && ASKS_ABOUT_A_THING.test(folded)) return { kind: 'faq', faq: this.faq(text), entities, interrupts: false };
    return { kind: 'intent', intent: best.label as AgentIntent, confidence: best.score, entities, interrupts: false };
  }

  /** The demand a check-in answer tells in words, if it tells one surely enough (`null`: it names none, and the menu is shown). */
  demand(text: string): DemandIntent | null {
    const best = this.demandModel.classify(text).ranked[0];
    return best && best.score >= this.thresholds.demand && best.label.startsWith('demand.') ? (best.label as DemandIntent) : null;
  }

  /** The agent model's best reading that is not a dialog answer: a command, a report, or `question`. */
  private agentBest(text: string): Scored | undefined {
    return this.agentModel.classify(text).ranked.find((r) => r.label !== 'None' && !r.label.startsWith('answer.') && !r.label.startsWith('demand.'));
  }

  /** A question for the knowledge base, on its own. */
  faq(text: string): FaqDecision {
    return readFaq(text, { classifier: this.faqModel, linear: this.faqLinear, neighbours: this.neighbours, retrieval: this.retrieval, base: this.faqIndex }, this.thresholds);
  }

  /** A customer's or partner's message (plantão chats, answers to the weekly follow-up). */
  customer(text: string): CustomerReading {
    // A scheduling request must name its topic ("funcionou!!! vou até acender uma vela" asks for no training): else the next reading.
    // …and an opt-out needs a word that stops or refuses ("quero continuar recebendo" is none).
    const stands = (label: string) => {
      const asked = topicOf(label);
      return label !== 'None' && !(asked && (!namesScheduleTopic(text, asked) || asksIfItWorks(text) || asksAboutTopic(text))) && !(label === 'customer.optout' && !saysStop(text));
    };
    // A greeting says nothing of what the customer wants, but can weigh every label down ("oi, o
    // débito voltou a funcionar sozinho, tudo ok por aqui" read as nothing): read again without it
    // (never as an opt-out, which stops the follow-ups: that one the whole message must say).
    const whole = this.customerModel.classify(text).ranked.find((r) => stands(r.label));
    const bare = withoutGreeting(text);
    const regreeted = () => this.customerModel.classify(bare).ranked.find((r) => r.label !== 'customer.optout' && stands(r.label));
    // …and an "all fine" said in so many words after a greeting is read without it too ("Oi! Tudo certo por aqui, só queria
    // agradecer…" had been read as a problem, and the customer kept waiting for a technician: found by an outside tester).
    // …and so is a scheduling request naming its topic ("boa noite, preciso de uma nfe personalizada pro meu cliente…").
    const fineUnderGreeting = () => {
      if (bare === text || whole?.label !== 'customer.other') return undefined;
      const again = regreeted();
      if (!again || again.score < this.thresholds.customer) return undefined;
      const fine = (again.label === 'customer.all_fine' || again.label === 'customer.solved') && saysAllFine(bare);
      return fine || topicOf(again.label) ? again : undefined;
    };
    const best = fineUnderGreeting() ?? whole ?? regreeted();
    const confidence = best?.score ?? 0;
    const classified = best && best.score >= this.thresholds.customer ? (best.label as CustomerIntent) : 'customer.other';
    // "…, tá tudo certo agora, pode encerrar" with nothing that takes it back is an "all fine", whatever came before it.
    // …and so is "mandei o xml e a nota saiu, tudo certo": something that worked, then an "all fine" ending the message.
    const read = (classified === 'customer.other' || classified === 'customer.hardware' || classified === 'customer.wait') && (fineAndClose(text) || fineAtTheEnd(text)) ? 'customer.all_fine' : classified;
    // Asking for no more messages comes first; a wait that also asks something or tells a problem is that question or problem.
    // …and a moment asked for to check it ("me dá um minutinho que vou tirar uma nota pra ver se sai") is a wait, whatever the classifier said.
    const told = asksToOptOut(text) ? 'customer.optout' : read === 'customer.wait' && outranksWait(text) ? 'customer.other' : read !== 'customer.wait' && !topicOf(read) && holdsOnToCheck(text) ? 'customer.wait' : read;
    // "Aquele problema do boleto não voltou mais", "o erro da rejeição sumiu", read as a problem for its words: the problem is
    // gone, solved (the checks below still take it back when something else is told beside it).
    const said = (told === 'customer.other' || told === 'customer.hardware') && problemGone(text) ? 'customer.solved' : told;
    // "Não precisa de mais nada não, resolvido obg" read as nothing: an "all fine" all the same, and the rules' own
    // close ("Tudo Ok" and nothing else needed), its "resolvido" or "funcionou" said in so many words.
    if (said === 'customer.other' && politeNoThenFine(text)) return { intent: 'customer.all_fine', confidence, topic: null };
    // "Aí sim!" after a fix, as "agora sim" is: the problem solved (read as a wait, it had kept a chat open to the end).
    if (said === 'customer.wait' && THERE_YOU_GO.test(fold(text))) return { intent: 'customer.solved', confidence, topic: null };
    // "Não tivemos erro nenhum essa semana", read as a problem for its "erro": no problem, and nothing else said.
    const noProblem = said === 'customer.other' || said === 'customer.hardware' ? saysNoProblem(text) : null;
    if (noProblem) return { intent: 'customer.all_fine', confidence, topic: null, ...(noProblem === 'unsure' ? { unsure: true } : {}) };
    const fine = said === 'customer.all_fine' || said === 'customer.solved';
    // "Voltei" (the person back) read as a problem gone is no "all fine".
    if (fine && backMyself(text)) return { intent: 'customer.other', confidence, topic: null };
    // …nor is someone else taking the phone ("agora aqui é o Beto, a Cida saiu e me passou o celular").
    if (fine && changesHands(text)) return { intent: 'customer.other', confidence, topic: null };
    // "O pdv tá travando agora", read as solved: a problem going on, with no "all fine" said beside it.
    if (fine && problemNow(text)) return { intent: 'customer.other', confidence, topic: null };
    // "Tudo certo, fico no aguardo", "tudo ok, pode reiniciar": still waiting on the technician, not done.
    if (fine && stillWaits(text)) return { intent: 'customer.wait', confidence, topic: null };
    // "O servidor caiu aqui" ("caiu" as money arriving) is a service down.
    if (fine && fellDown(text)) return { intent: 'customer.other', confidence, topic: null };
    // "Funcionou não", "resolvido nada", "tudo certo q nada": the "all fine" denied is a problem still there.
    if (fine && deniesAllFine(text)) return { intent: 'customer.other', confidence, topic: null };
    // "Não tá tudo certo" with no comma: "not fine", or "no, all fine"? Asked once, and never closed on.
    if (fine && maybeNotFine(text)) return { intent: 'customer.other', confidence, topic: null, askToClose: true };
    // An "all fine" taken back in the same message is no "all fine" (and says so: the flows answer both halves).
    const allFineBut = (fine && takesBackAllFine(text)) || (said !== 'customer.optout' && fineButNot(text));
    const intent = allFineBut && fine ? 'customer.other' : said;
    const topic = topicOf(intent);
    // "Voltou, tudo ok": the system back, or the problem? Neither acted on: asked once.
    if (said !== 'customer.optout' && unclearComeback(text)) return { intent: 'customer.other', confidence, topic, askToClose: true };
    if (allFineBut) return { intent, confidence, topic, allFineBut };
    // A weak "all fine" with no words that say it ("ok", "obrigada"), or one for now only ("tudo ok
    // por enquanto"), is unsure: closing on it waits for a clear one.
    // …and so is a bare acknowledgement ("ok obg", "tá bom, obrigada"), however sure the classifier is of it.
    if (fine && (((confidence < SURE_ALL_FINE || onlyAcknowledges(text)) && !saysAllFine(text)) || hedged(text))) return { intent, confidence, topic, unsure: true };
    return { intent, confidence, topic };
  }

  /**
   * What QA counts against a plantão technician in a line they wrote: the rules' reading
   * (`wordingByRules`) first, else the classifier's when it is sure enough and the line names
   * calls or training at all. 5-fold cross-validation on the training lines: calls 98.1%,
   * training 97.0% found, 4.3% of the other lines flagged (most of them near-misses on purpose);
   * the held-out figures are in test/flows/plantao/wording.test.ts.
   */
  technician(text: string): WordingKind | null {
    const byRules = wordingByRules(text);
    if (byRules) return byRules;
    const best = this.technicianModel.classify(text).ranked.find((r) => r.label !== 'None');
    if (!best || best.score < this.thresholds.technician) return null;
    const kind: WordingKind | null = best.label === 'technician.calls' ? 'calls' : best.label === 'technician.training' ? 'training' : null;
    return kind && cues(text, kind) ? kind : null;
  }

  /**
   * Every kind of line QA flags in a technician's message, read whole and clause by clause: "não
   * atendemos ligações, você não teve treinamento?" holds both (the whole alone gave the first).
   */
  technicianKinds(text: string): WordingKind[] {
    // A line flagged whole is read clause by clause for the other kind; one flagged for nothing stays so.
    const whole = this.technician(text);
    if (!whole) return [];
    const clauses = text.split(/[.;!?]+|,\s+/).filter((c) => c.trim().split(/\s+/).length >= 3);
    const kinds = clauses.length > 1 ? clauses.map((part) => this.technician(part)).filter((k): k is WordingKind => k !== null) : [];
    return [...new Set([whole, ...kinds])];
  }

  /** The classifiers' view of a message, for the maintainers (what the bot was unsure about). */
  explain(text: string, audience: 'agent' | 'faq' | 'customer'): Explanation {
    const c = (audience === 'agent' ? this.agentModel : audience === 'faq' ? this.faqModel : this.customerModel).classify(text);
    return { top: c.ranked.slice(0, 3).map((r) => ({ label: r.label, score: Math.round(r.score * 1000) / 1000 })) };
  }
}
