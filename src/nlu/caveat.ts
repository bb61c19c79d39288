import { terms } from '../faq/portuguese.js';
import { fold } from '../util/text.js';

/**
 * Whether a customer's "all fine" is taken back in the same message: closing a chat on a customer
 * who still needs help is the costliest error the bot can make, so an "ok" only closes when it is
 * clear. Taken back by a contrast ("tudo certo, mas a nota não sai"), a problem that came back or
 * goes on ("voltou a travar", "de novo", "ainda não imprime"), a question, or an action that
 * fails ("não sai", "não consigo"). Word rules over the folded text, as people type on WhatsApp
 * (no accents, "n" for "não").
 */

const CONTRAST =
  /\b(mas|porem|so que|soh que|so q|entretanto|contudo|todavia|exceto|fora que|apesar|menos (o|a|os|as|no|na)|tirando (o|a|os|as)|a nao ser|so falta|falta so|so faltou|agora falta|ainda falta|falta (a|o|as|os|um|uma|resolver|ver|arrumar|configurar|emitir|sair|imprimir)|quase|quer dizer|so (o|a|os|as|no|na|nos|nas) [a-z0-9]+( [a-z0-9]+)? (q|que|ta|esta|nao|n)|so nao|em parte|pela metade)\b/;
const AGAIN = /\b(de novo|denovo|dnv|novamente|outra vez|voltou|voltar a|volta a|voltando|ainda|continua|continuam|persiste|segue dando|sempre que|parou|parando)\b/;
/** "Não sei como faz o fechamento": a question asked without its question mark. */
const DOUBT = /\b(nao sei|n sei|nao entendi|fiquei na duvida|tenho uma duvida|tenho duvida|como (faco|faz|que faz|eu faco)|(nao|n) (achei|acho|encontrei|encontro) (o|a|os|as|onde|como))\b/;
/** "Só preciso saber se…", "agora o outro tá com o mesmo problema": a need or a problem still open, said without a question mark. */
const NEED =
  /\b(preciso (saber|de|que|ver|verificar|tirar|resolver|ajuda|entender)|queria (saber|ver|tirar)|gostaria de (saber|ver)|quero saber|me (tira|tirar) (uma|um|essa)|mesmo (problema|erro)|outro (problema|erro)|com (problema|erro))\b/;
/** "Já vejo se funcionou", "vou testar": the customer is still checking, not done. */
const CHECKING = /\b(ver se|vejo se|vendo se|testando|vou testar|vou ver|deixa eu (ver|testar|conferir|checar|olhar)|vou conferir|(acho|acredito) (q|que) (ta|esta|foi|deu|resolveu|funcionou)|parece que (foi|deu|funcionou|resolveu)|(te )?(falo|aviso|digo|confirmo) se|se (nao|n) (der|aparecer|voltar|acontecer|travar|tiver) (mais|de novo|nada|nenhum|aquele|aquela|o|a|erro|problema))\b/;
/** "Agora aparece outro: campo inválido", "o banco recusou o arquivo": a new problem told in the same message. */
const NEW_PROBLEM =
  /\bagora (?:o|a|os|as|meu|minha|nosso|nossa) \w+(?: \w+)? (?:ta|esta|tao|estao|deu|da|nao|n|fica|ficou|aparece|trava|travou|sumiu|parou|saiu|sai|veio|vem|mostra)\b(?! (?:tudo )?(?:certo|ok|normal|bem|funcionando|certinho)\b)|\b(aparece outro|apareceu outro|aparece outra|apareceu outra|agora (aparece|apareceu|ta aparecendo|esta aparecendo)|aparecendo (um|uma|outro|outra)|recusou|rejeitou|recusad[ao]s?|rejeitad[ao]s?|deu rejeicao|deu diferenca|fecha o sistema|fechando o sistema|invalid[oa]|sem conseguir|sem poder|(qdo|quando) quer|mais ou menos|(fechou|fecha|fechando|reiniciou|reinicia|reiniciando|desligou|desliga|travou|trava) sozinh[oa])\b/;
/**
 * Solved in part only, or worse than before though it works: "resolvido parcialmente", "só metade",
 * "deu certo só o primeiro passo", "resolveu um dos erros", "em 2 dos 3 caixas", "resolvido em um
 * pdv", "funciona só às vezes", "deu certo uma vez só", "funcionando com lentidão"; the error
 * changed into another ("o erro mudou", "agora é outro", "passou a mensagem de erro pra outra");
 * and "sqn" (só que não). Found by an outside tester, each closed on.
 */
const PARTLY =
  /\b(parcial\w*|(so|pela) metade|so (o|a) (primeir[oa]|segund[oa]|1o|1a) \w+|(um|uma|1) d(os|as) (erros|problemas|caixas|pdvs|computadores|maquinas|terminais|impressoras|notas|passos|itens|pedidos|filiais|lojas)|(em|no|na|nos|nas) \d+ d(os|as) \d+|\d+ d(os|as) \d+ (caixas|pdvs|computadores|maquinas|terminais|impressoras|notas)|(so )?(em|no|na|num|numa) (um|uma|1|so um|so uma) (pdv|caixa|computador|maquina|terminal|micro|impressora|loja|filial)|(uma|1) vez so|so (uma|1) vez|(so|somente|apenas) (as|de) vezes|funciona (as|de) vezes|de vez em quando|com lentidao|bem lento|muito lento|lento demais|(o|a) (erro|mensagem|msg|rejeicao) (mudou|muda|agora e outr[oa]|e outr[oa])|agora (e|eh|da|deu|aparece|apareceu) outr[oa]|(passou|mudou) (a mensagem de erro|a msg de erro|o erro|a mensagem|a msg)? ?(para|pra|pa) outr[oa]|sqn|so que nao)\b/;
/** "Resolvido!! ah não, voltou": dismay, then "voltou": the problem is back, not the system. */
const OH_NO_BACK = /\b(?:(?:ah|ai|ih) (?:nao|n)|(?:aff|afe|putz|ixi|xi|poxa|droga|eita|vish|vixe)(?: (?:nao|n))?) voltou\b/;
/** "Era isso, obrigada; aproveitando, a balança…", "outra coisa": a new matter brought up in passing. */
const BY_THE_WAY = /\b(aproveitando|outra coisa|mais uma coisa|outra duvida|outra pergunta|mais uma (duvida|pergunta|coisinha)|so mais uma|ah (nao|n) pera|pensando bem|ia esquecendo|quase esqueci|esqueci de (falar|dizer|avisar))\b/;
/** The person back at the keyboard ("voltei", "tô de volta"): nothing about the problem, so no "all fine". */
const BACK_MYSELF = /\b(voltei|to de volta|estou de volta|ja voltei|retornei|cheguei)\b/;
/** "Só na hora de fechar o mês dá erro": an error happening now (not "não deu mais erro", "sem dar erro"). */
const ERROR_NOW = /(?<!\b(?:nao|n|nem|sem|nunca)(?: \S+)? )\b(?:da|deu|dando|dar|aparece|apareceu|aparecendo) (?:um |uma |o |a |aquele |aquela )?(?:erro|pau|problema|bug|falha)\b/;
/** "Preciso sim", "tô precisando liberar…", "me liga quando puder": a yes to "precisa de mais alguma coisa?", a need, a call asked for. */
const STILL_NEEDS = /(?<!\b(?:nao|n|nem)(?: \S+)? )\bprecisando\b|\b((preciso|precisa|precisamos|precisava) sim|(me|pode me|poderia me) (liga|ligar|ligue|telefona)|liga (pra|para) mim|quer saber)\b/;
/** "Certinho. E a margem de lucro, calcula sobre o custo?": a sentence that opens with "e o…", a follow-up question without its mark. */
const FOLLOW_UP = /(^|[.!;]\s*)e (a|o|os|as|se|como|qdo|quando|onde|pra|para|quanto|qual|quais) /;
/** "Funcionou ontem… hoje de manhã deu diferença": what worked before is not what happens today. */
const NOT_TODAY = /\bontem\b.*\b(hoje|hj)\b/;
/** Something left to see to later ("o caixa 2 eu vejo com vcs depois", "o resto fica pra segunda"): not all is fine yet. */
const LATER = /\b(?:(?:eu |a gente )?(?:vejo|vemos|olho|olhamos|testo|testamos|resolvo|resolvemos|verifico|verificamos|mexo|mexemos)(?: isso| ele| ela| esse| essa| o resto)?(?: com (?:vcs|voces|vc|voce|o suporte|a equipe|o plantao))? (?:depois|dps|mais tarde|amanha|amnh|segunda|outra hora|outro dia|semana que vem|na segunda)|(?:fica|deixa|deixo|deixamos|vai ficar) (?:isso |ele |ela |o resto )?(?:pra|para) (?:depois|dps|segunda|amanha|outra hora|outro dia))\b/;
/** An eye roll or an angry face: the words are ironic ("melhor impossível 🙄"). */
const IRONY = /[\u{1F644}\u{1F612}\u{1F624}\u{1F621}\u{1F620}\u{1F92C}]/u;
/** What can be said to be back up ("o sistema voltou", "a impressora voltou"). */
const BACK_UP = '(sistema|internet|pdv|caixa|servidor|sefaz|banco|rede|conexao|sinal|impressora|balanca|gaveta|pinpad|maquininha|tef|leitor|computador|terminal|wifi|sincronizacao|comunicacao|integracao|energia|luz)';
/** "O servidor caiu aqui", "caiu a internet": a service down now, never a problem gone ("o pix caiu" is no matter of the plantão's). */
const FELL = new RegExp(String.raw`\b${BACK_UP} (?:caiu|cai|caindo|ta caindo|fora do ar|saiu do ar)\b|\b(?:caiu|cai|caindo) (?:o|a) ${BACK_UP}\b`);

/** A service down, told with nothing that says it came back ("caiu mas ja voltou, tudo ok" is back). */
export function fellDown(text: string): boolean {
  const t = clean(text);
  return FELL.test(t) && !BACK_TO_WORK_ONCE.test(t) && !/\b(ja )?(voltou|volto|normalizou|ta de volta)\b/.test(t);
}

/** "Voltou a funcionar": a problem that went away, not one that came back. */
const BACK_TO_WORK = new RegExp(
  String.raw`\b((funcionando|normal|rodando|vendendo|emitindo|imprimindo|faturando) (normal )?(de novo|denovo|dnv|novamente)|voltou (tudo |td )?(a |ao )?(funcionar|normal|imprimir|emitir|sair|abrir|entrar|rodar|vender|faturar|pesar|sincronizar|conectar|comunicar|ligar|transmitir|autorizar|responder|carregar|calcular|gerar|ler)|${BACK_UP} voltou$|${BACK_UP} voltou (?!a |o |de novo|dnv|novamente))\b`,
  'g',
);
/** `BACK_TO_WORK` for a test (the global one, made for replacing, keeps its position between tests). */
const BACK_TO_WORK_ONCE = new RegExp(BACK_TO_WORK.source);
/** "O erro não apareceu mais", "não deu mais problema": a problem gone, not one that fails now. */
const NO_MORE =
  /\b((erro|problema|mensagem|aviso|pau|falha|rejeicao|travamento|lentidao|bug|alerta)( [a-z0-9]+){0,2} (nao|n) (apareceu|aparece|voltou|deu|da) mais|(parou|sumiu) (o |a |aquele |aquela )?(erro|problema|mensagem|aviso|travamento|rejeicao)|(erro|problema|mensagem|aviso|travamento|rejeicao) (parou|sumiu)|(nao|n|nunca mais) (apareceu|aparece|deu|da|teve|tem|tive) (mais )?(o |a |aquele |aquela |nenhum |nenhuma )?(erro|mensagem|problema|pau|falha|aviso)|ainda (nao|n) (tive|teve|deu|apareceu) (nenhum|problema|erro))\b/g;
/** "Não precisa mais não", "nada não": a polite no that asks nothing. */
const POLITE_NO = /\b((nao|n) precisa( mais)? [a-z]+ (nao|n)|(nao|n) (precisa|preciso|precisamos|precisei|precisou)( de)?( mais)?( nada| nd)?( nao| n)?|precisa (mais )?nao|nada nao|nao obrigad[oa]|nao (tem|ha) (mais )?(nada|nd)( nao| n)?|(nao|n) vou precisar( de)?( mais)?( nada| nd)?( nao| n)?|(nao|n) preciso de (nd|nada)( nao| n)?)\b/g;
/** "No caixa 1 sim, no caixa 2 não", "ontem funcionou, hoje não": a message that ends in a no after other words. */
const ENDS_IN_NO = /\S \S+ (nao|n)$/;
const FAILS =
  /\b(nao|n|nem) (esta |ta |tá |quer |vai |consegue |da pra |deu pra )?(sai|saiu|sair|funciona|funcionou|abre|abriu|emite|emitiu|imprime|imprimiu|consigo|consegui|carrega|carregou|entra|entrou|gera|gerou|transmite|transmitiu|autoriza|autorizou|passa|passou|aparece|apareceu|vai|foi|[a-z]+(ando|endo|indo))\b/;
/** "Mas valeu por perguntar", "mas agradeceu a atenção": thanks after a "mas", no contrast. */
const BUT_THANKS = /\bmas (valeu|obrigad[oa]|agradec[a-z]*|muito obrigad[oa])\b.*$/;
/** "Ainda bem", "tudo ainda ok" are fine; "ainda" alone is not. */
const STILL_FINE = /\b(ainda bem|ainda ok|ainda certo|ainda tudo (certo|ok|bem)|ainda (nao|n) (tinha |havia )?agradec[a-z]*)\b/g;
/** "O arquivo que vocês geraram de novo foi aceito": a step done again, not a problem come back. */
const DONE_AGAIN =
  /\b(gerar|gerou|geraram|gerei|geramos|mandei|mandaram|mandou|enviei|enviaram|enviou|fiz|fizeram|fez|instalei|instalaram|instalou|reinstalei|reiniciei|reiniciou|reiniciaram|loguei|emiti|cadastrei|configurei|configuraram|configurou|importei|baixei|transmiti|sai e entrei|saiu e entrou)( ele| ela| o| a| os| as| tudo)? (de novo|denovo|dnv|novamente|outra vez)\b/g;
/** "Não tá faltando nada", "sem nenhum porém", "sem erro nenhum": nothing missing, no "but", no error. */
const NOTHING_WRONG =
  /\b((nao|n) (ta |esta |tá )?(falta|faltando|faltou) (mais )?(nada|nd)( nao| n)?|nada faltando|sem (nenhum |nenhuma |qualquer )?(porem|problema|problemas|erro|erros|defeito|falha|reclamacao)( nenhum| nenhuma| algum)?)\b/g;
/** "Qualquer coisa chamo de novo": a courtesy about the future, not a problem now. */
const IF_NEEDED = /\b(se precisar|caso precise|qualquer coisa|qq coisa|qlq coisa|qlqr coisa|se der algo|se acontecer|se (aparecer|der|tiver|voltar) (algum|alguma|outro|outra|qualquer|mais))\b.*$/;

/** The words of an "all fine" that a "não" or a "nada" next to them denies. */
const FINE_WORDS = String.raw`(?:(?:tudo|td) (?:certo|ok|bem|joia|beleza|em ordem)|funcionou|funciona|funcionando|resolveu|resolvido|resolvida|deu certo|certo|ok|bom|boa|beleza|blz|normal|certinho|prestou|adiantou|rolou)`;
/** Who a "não" at the end of a sentence may be said to ("funcionou não, moço"). */
const VOCATIVE = String.raw`(?:moco|moca|viu|ne|cara|amigo|amiga|meu|mano|sr|senhor|senhora|dona|seu|kk+|rs+|pessoal|gente|rapaz|querid[oa]|filho|filha|fia|fio|uai|oxe|ta)`;
/**
 * "Funcionou não", "resolvido nada", "tudo certo q nada", "tá ok não, moço", "nada funcionou":
 * the "all fine" denied in its own words (a "não" after it ends the sentence; "resolveu, nada
 * mais" and "funcionou nada de erro" deny nothing). Read on the text with its punctuation.
 */
const DENIED = new RegExp(
  String.raw`\b${FINE_WORDS} (?:(?:q|que) )?(?:nada\b(?! (?:mais|de|a)\b)|(?:nao|n)(?=$| ${VOCATIVE}\b| [^\p{L}\p{N}]|[,.!;:?]))|\bnada (?:(?:ta|esta|ficou|foi|deu|tava) )?(?:funcionou|funciona|funcionando|resolveu|resolvido|deu certo|certo|prestou|adiantou|rolou)\b`,
  'u',
);
/** "Não tá tudo certo" with no comma: "not all fine", or "no (nothing else), all fine"? Asked once, never closed on. */
const NOT_FINE_NOW = new RegExp(String.raw`\b(?:nao|n) (?:ta|esta|tava|estava|ficou) (?:tudo )?${FINE_WORDS}\b`);

/** The "all fine" is denied in so many words ("funcionou não", "resolvido nada"): no "all fine" at all. */
export function deniesAllFine(text: string): boolean {
  return DENIED.test(spaced(text));
}

/**
 * "Não precisa de mais nada não, resolvido obg", "nada não, funcionou": a polite no to "anything
 * else?" and an "all fine" in so many words that nothing takes back (the classifier, thrown by
 * the no, may read neither).
 */
export function politeNoThenFine(text: string): boolean {
  const t = clean(text);
  const rest = t.replace(POLITE_NO, ' ').replace(/\s+/g, ' ').trim();
  return rest !== t && FINE.test(rest) && !t.includes('?') && !takesBackAllFine(text) && !deniesAllFine(text);
}

/** "Não tivemos erro nenhum", "sem problema nenhum hj", "nenhum erro por aqui": no problem at all, said of the time asked about. */
const NO_PROBLEM =
  /\b((nao|n) (tivemos|tive|teve|tem|tivemos mais|deu|da|ta dando|esta dando|houve|ha|aconteceu|apareceu)( mais)? (nenhum |nenhuma |algum |problema |erro |mais )?(erro|erros|problema|problemas|falha|falhas|dificuldade|dificuldades|reclamacao|nada)( nenhum| nenhuma| algum| nao| n)?|sem (nenhum |nenhuma )?(erro|erros|problema|problemas|falha|dificuldade|dificuldades)( nenhum| nenhuma| algum)?|nenhum (erro|problema)|nenhuma (falha|dificuldade|reclamacao))\b/;
const NO_PROBLEM_ALL = new RegExp(NO_PROBLEM.source, 'g');
/** What may stand beside it and still say nothing else: when, where, thanks, a "tudo certo". */
const NOTHING_ELSE = /^(?:\s|hj|hoje|essa|esta|nessa|nesta|semana|sem|nesses|nestes|dias|ultimos|por|aqui|ai|ate|agora|graca|gracas|a|deus|obg|obrigad[oa]|valeu|vlw|brigad[oa]|viu|nao|n|sim|tudo|td|certo|ok|bem|tranquilo|ta|esta|e|o|os|pessoal|com|vcs|voces|voce|vc|fim|de|da|do|oi|ola|bom|boa|dia|tarde|noite|rs+|kk+|!|mais|resolveu|resolvido|resolvida|funcionou|funcionando|normal|normalmente|certinho|100|cem|cento|%)*$/;

/**
 * "Não tivemos erro nenhum essa semana, graças a deus": no problem, and nothing else said. The
 * classifier reads the "erro" in it; a message telling anything more (a screen that goes blank, a
 * "mas") is left to it.
 */
export function saysNoProblem(text: string): 'sure' | 'unsure' | null {
  const t = clean(text);
  if (!NO_PROBLEM.test(t) || t.includes('?')) return null;
  if (!NOTHING_ELSE.test(t.replace(NO_PROBLEM_ALL, ' '))) return null;
  // "Não dá erro" alone may be how a problem shows ("não dá erro, só não abre", cut short): asked once.
  return /\b(nenhum|nenhuma|nada|mais|sem)\b|\b(erro|problema|falha|dificuldade)s? (nao|n)\b/.test(t) ? 'sure' : 'unsure';
}

/** "O pdv tá travando agora", "lento", "dando erro": a problem going on as the customer writes (not "não trava mais"). */
const PROBLEM_NOW =
  /(?<!\b(?:nao|n|nem|sem|mais|parou de|deixou de)(?: (?:ta|esta|tá|tava|estava|fica|ficou))?(?: mais)? )\b(travando|travou|falhando|caindo|congelando|congelou|lento|lenta|lerdo|lerda|dando erro|dando pau|fechando sozinh[oa]|reiniciando sozinh[oa])\b/;

/** A problem going on, with no "all fine" said in so many words beside it: a "solved" reading of it is the classifier's mistake. */
export function problemNow(text: string): boolean {
  const t = clean(text);
  return PROBLEM_NOW.test(t) && !FINE.test(t);
}

/** "Não tá tudo certo" (no comma after the "não"): unclear, asked once. */
export function maybeNotFine(text: string): boolean {
  return NOT_FINE_NOW.test(spaced(text));
}

/** The folded text with its punctuation, spaces made one. */
const spaced = (text: string): string => fold(text).replace(/\s+/g, ' ').trim();

/** An "all fine" said in so many words ("tudo certo", "td ok", "funcionando", "resolvido"). */
const FINE = /\b(tudo (certo|ok|bem|tranquilo|funcionando|joia|beleza|em ordem)|td (certo|ok|bem|tranquilo)|ta tudo (certo|ok|bem)|esta tudo (certo|ok|bem)|funcionando|funcionou|resolvido|resolveu|resolvi|arrumei|consertei|deu certo)\b/;

const clean = (text: string): string =>
  fold(text)
    .replace(/[^a-z0-9?! ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** "Tudo certo, mas a nota não sai": an "all fine" in so many words, then a contrast with something that is not. */
export function fineButNot(text: string): boolean {
  // "Tá tudo certo, mas obrigado por perguntar": courtesies after the "mas" contrast nothing.
  const t = withoutCourtesies(clean(text));
  const contrast = CONTRAST.exec(t);
  return contrast !== null && FINE.test(t.slice(0, contrast.index));
}

/** "Tudo ok por enquanto", "até agora sim": an "all fine" for now only, which the bot asks about once before closing. */
const HEDGE = /\b(por enquanto|ate agora|ate agr|ate aqui|ate o momento|por hora|por ora|por agora|por hoje|por hj|no momento|a principio|aparentemente|em tese|(acho|creio|acredito) (q|que) sim|parece (q|que)|(eu|eu ja) acho|acho eu|creio eu|(acho|acredito) (q|que)|talvez|provavelmente)\b/;

/** "Tá ok né", "funcionou ne", "resolvido ne": an "all fine" asked back as a question, with or without its mark. */
const TAG_QUESTION = /(?:^|\s)(?:ne|neh|nao e|nao eh|num e|ne nao|ne isso)\s*[?!.]*$/;

/** "Tá ok, acho", "resolveu acho": the doubt said after the "all fine", ending the message. */
const DOUBT_AT_END = /\b(acho|creio|sei la|nao sei|n sei)\s*[!.]*$/;

export function hedged(text: string): boolean {
  const t = clean(text);
  return HEDGE.test(t) || TAG_QUESTION.test(t) || DOUBT_AT_END.test(t);
}

/** Something that worked, told ("a nota saiu", "consegui emitir", "autorizou"). */
const WORKED = /\b(saiu|sairam|foi|foram|emitiu|emitiram|imprimiu|imprimiram|transmitiu|autorizou|autorizad[ao]s?|funcionou|consegui|conseguimos|deu certo|passou|abriu|entrou)\b/;
/** The message ends in an "all fine" of its own ("…, tudo certo", "…, ta tudo ok obg"). */
const FINE_AT_END = /(?:^|[,.;!]\s*|\be\s+)(?:(?:ta|esta|ficou)\s+)?(?:tudo|td)\s+(?:certo|ok|bem|certinho|resolvido|joia)[\s!.]*(?:(?:obg|obrigad[oa]|valeu|vlw)[\s!.]*)?$/;

/**
 * "Mandei o xml e a nota saiu, tudo certo": something that worked, then an "all fine" closing the
 * message, with nothing that takes it back: an "all fine", however the classifier read the rest.
 */
export function fineAtTheEnd(text: string): boolean {
  const t = clean(text);
  return FINE_AT_END.test(spaced(text)) && WORKED.test(t) && !takesBackAllFine(text) && !deniesAllFine(text) && !fellDown(text);
}

/** A problem said to be gone: "não deu mais", "não voltou mais", "sumiu", "parou de dar"… */
const GONE = /\b(?:(?:nao|n)\s+(?:deu|teve|voltou|aconteceu|apareceu|travou|caiu|aparece|acontece|da|trava)\s+mais|sumiu|sumiram|parou de (?:dar|aparecer|travar|acontecer))\b/;
/** …said of a problem ("aquele erro", "o aviso", "aquilo da gaveta"), not of a thing ("a internet não voltou mais", "o arquivo sumiu"). */
const A_PROBLEM = /\b(?:erro|erros|problema|problemas|aquilo|aviso|rejeicao|travamento|travamentos|falha|falhas|bug|mensagem de erro)\b/;

/**
 * "Aquele problema do boleto não voltou mais, tá tudo certo", "o erro da rejeição sumiu, nota saindo normal": the problem
 * told as gone, asking nothing (found on the dev splits: read as a device's problem, the customer kept waiting for a technician).
 */
export function problemGone(text: string): boolean {
  const t = clean(text);
  return GONE.test(t) && A_PROBLEM.test(t) && !t.includes('?') && !takesBackAllFine(text) && !fineButNot(text) && !deniesAllFine(text) && !problemNow(text);
}

/** "Pode encerrar", "já pode fechar": the customer asks for the chat to be closed. */
const CLOSE_IT = /\b(?:(?:ja\s+)?(?:pode|podem|podes|pode ja)\s+(?:encerrar|fechar|finalizar)|(?:encerra|fecha|finaliza)\s+(?:ai|o chamado|o atendimento|a conversa))\b/;

/**
 * An "all fine" in so many words with the chat's close asked for, and nothing that takes it back
 * ("mandei o xml e a nota saiu, tá tudo certo agora, pode encerrar"): as clear as a customer gets,
 * whatever the classifier made of the rest.
 */
export function fineAndClose(text: string): boolean {
  const t = clean(text);
  return FINE.test(t) && CLOSE_IT.test(t) && !HEDGE.test(t) && !takesBackAllFine(text) && !fineButNot(text);
}

/** The words of a bare acknowledgement ("ok", "blz, obrigada", "entendi 👍"), each read alone. */
const ACK_WORD = /^(?:ok|okay|oks|okk+|blz|beleza|bom|certo|certinho|entendi|entendido|show|top|perfeito|otimo|obrigad[oa]s?|obg|brigad[oa]|valeu|vlw|grato|grata|combinado|fechado|ta|t[aá]|sim|aham|uhum|kk+|haha+|rs+|joia|massa|legal|e|ai|oi)$/;

const POSITIVE_EMOJIS = new RegExp(`^(?:${[0x1F44D, 0x1F44C, 0x1F64F, 0x1F60A, 0x1F642, 0x1F600, 0x1F601, 0x1F603, 0x1F604, 0x1F44F, 0x2705, 0x2764, 0x1F91D, 0x1F609, 0x1F970, 0x1F60D, 0x270C, 0x1F64C, 0x1F917].map((c) => String.fromCodePoint(c)).join('|')})+$`, 'u');

/**
 * A message that only acknowledges ("👍👍", "ok, obrigada", "entendi"): it answers what was said and
 * asks nothing, so no wait for a technician starts (QA's "esperou sem resposta" would be false).
 */
export function onlyAcknowledges(text: string): boolean {
  if (text.includes('?')) return false;
  const t = clean(text);
  // Emojis only: a thumbs up or a smile acknowledges; a crying face does not.
  if (t === '') return POSITIVE_EMOJIS.test(text.replace(/\u{FE0F}|\p{Emoji_Modifier}|\s/gu, ''));
  const words = t.split(/[\s,!.]+/).filter(Boolean);
  return words.length <= 4 && words.every((w) => ACK_WORD.test(w));
}

/** An "all fine" said in so many words (what makes a weak classifier reading sure). */
export function saysAllFine(text: string): boolean {
  return FINE.test(clean(text));
}

/** What takes an "all fine" back, once the courtesies and the problems gone are set aside. */
const TAKEN_BACK: readonly RegExp[] = [CONTRAST, FAILS, AGAIN, ENDS_IN_NO, DOUBT, NEED, CHECKING, NEW_PROBLEM, NOT_TODAY, LATER, BY_THE_WAY, ERROR_NOW, PARTLY, OH_NO_BACK];

/** "Voltei" with no "all fine" in so many words: the person is back, which says nothing of the problem. */
export function backMyself(text: string): boolean {
  const t = clean(text);
  return BACK_MYSELF.test(t) && !FINE.test(t);
}

/**
 * An "all fine" that agrees to wait or to what the technician is about to do ("tudo certo, fico no aguardo",
 * "tudo ok, pode reiniciar", "tudo certo, mando sim, so um minuto"): the customer is still waiting on the
 * technician, not done (found by an outside tester: each was closed, one before any technician had answered).
 */
const STILL_WAITS =
  /\b(?:aguard(?:o|ando|amos)|no aguardo|(?:fico|to|estou|so|ficamos|seguimos) (?:esperando|aguardando)|espero (?:o|a|vc|voce|vcs|voces|seu|sua|retorno|contato|o retorno|o tecnico)|pode (?:acessar|entrar|conectar|reiniciar|fazer|mexer|seguir|testar|olhar|verificar|desligar|reinstalar|atualizar|continuar|prosseguir)|(?:mando|envio) sim|(?:ja|vou|to|estou) (?:mando|mandar|mandando|envio|enviar|enviando)|so um (?:minuto|minutinho|momento|instante|segundo))\b/;

/** …not a wait for a later day ("tudo certo, fico no aguardo de segunda então": the sector's call, after the plantão). */
const LATER_DAY = /\b(?:aguard\w*|esper\w*)\b[^.!?]{0,25}\b(?:segunda|terca|quarta|quinta|sexta|amanha|amnh|dia util|proxima semana|semana que vem|proximo dia)\b/;

export function stillWaits(text: string): boolean {
  const t = clean(text);
  return STILL_WAITS.test(t) && !LATER_DAY.test(t);
}

/**
 * Words that tell a result ("funcionou", "deu certo", "agora foi"): after a technician's "vou acessar, um
 * momento", an "all fine" without any of them ("tudo ok", "beleza, tudo ok") agrees to wait.
 */
const A_RESULT = /\b(?:funcionou|funcionando|funciona|deu certo|resolveu|resolvido|resolvida|saiu|sairam|foi|consegui|conseguimos|voltou a funcionar|normalizou|agora|agr|abriu|imprimiu|emitiu|passou)\b/;

export function tellsAResult(text: string): boolean {
  return A_RESULT.test(clean(text));
}

export function takesBackAllFine(text: string): boolean {
  return asksOrNeeds(text) || TAKEN_BACK.some((re) => re.test(withoutCourtesies(clean(text))));
}

/** What takes an "all fine" back whatever else is said: irony, a question, a follow-up question, a need. */
function asksOrNeeds(text: string): boolean {
  const t = clean(text);
  return IRONY.test(text) || t.includes('?') || FOLLOW_UP.test(fold(text)) || STILL_NEEDS.test(t);
}

/** "Deixa eu ver aqui se vai… foi, deu certo": a check the customer made in the same message, and its result at the end. */
const CHECK_DONE = /\b(?:deixa eu (?:ver|testar|conferir|checar|olhar)|vou (?:ver|testar|conferir)|(?:ver|vejo) se)\b(?=.*\b(?:foi|deu certo|funcionou|saiu|resolveu|consegui)\b(?:\s+\S+){0,3}\s*$)/;

function withoutCourtesies(t: string): string {
  const rest = [CHECK_DONE, IF_NEEDED, BUT_THANKS, STILL_FINE, NO_MORE, BACK_TO_WORK, DONE_AGAIN, NOTHING_WRONG, POLITE_NO].reduce((x, re) => x.replace(re, ' '), t).replace(/\s+/g, ' ').trim();
  // "…, mas não preciso de mais nada": a "mas" left with nothing after it once the courtesy is set aside contrasts nothing.
  return DANGLING.test(rest) && !DANGLING.test(t) ? rest.replace(DANGLING, '').trim() : rest;
}
const DANGLING = /\b(mas|porem|so que)$/;

/**
 * "Voltou" on its own: no problem named before it ("o erro voltou") and no "a …", "o …" or "de
 * novo" after it ("voltou a travar"): the system may be back, or the problem may be.
 */
const BARE_BACK = /(?<!\b(?:erro|problema|falha|pau|mensagem|aviso|rejeicao|travamento|bug|defeito|lentidao) )\bvoltou\b(?! (?:a|o|os|as|de novo|denovo|dnv|novamente|com|aquele|aquela|tudo de novo)\b)/;

/**
 * "Voltou, tudo ok": an "all fine" in so many words that only a bare "voltou" takes back. Neither
 * closed on nor answered as a problem: the customer is asked once whether the chat can be closed.
 */
export function unclearComeback(text: string): boolean {
  const t = clean(text);
  if (!FINE.test(t) || asksOrNeeds(text)) return false;
  const now = withoutCourtesies(t);
  if (OH_NO_BACK.test(now)) return false;
  if (!BARE_BACK.test(now)) return false;
  const rest = now.replace(new RegExp(BARE_BACK.source, 'g'), ' ');
  return !TAKEN_BACK.some((re) => re.test(rest));
}

/** "Como faço a devolução? …": a question with its question word, not "pode esperar?". */
const ASKS = /\b(como|onde|qual|quais|quanto|quando|pq|por que|porque|o que|oq)\b[^?]*\?/;
/** "Deixa eu perguntar logo: o sistema calcula o ST sozinho?": a question announced (not "vou perguntar pro gerente"). */
const ASKING = /\b(deixa eu (te )?perguntar|(quero|queria|posso) (te )?perguntar|uma pergunta|(tenho|tem|fiquei com) (uma )?duvida|minha duvida)\b/;
/** "Ninguém me responde, tô esperando faz 1 hora": waiting on the help desk, a complaint. */
const COMPLAINT =
  /\b(ninguem (me )?(responde|atende|retorna|fala)|(to|tou|estou|fico|fiquei) esperando|esperando (retorno|resposta|ha|faz)|faz \d+ ?(h|hr|hrs|hora|horas|min|minutos)|demorando|demora demais|absurdo)\b/;

/** "Pera", "me dá uns 15 min", "aguarda só eu abrir o caixa 2": the customer asks for a moment… */
const HOLD_ON =
  /\b(pera|perai|pera ai|peraaa+|calma|aguarda|aguenta|espera|me da (um|uma|uns|umas|so um|so uns) [a-z0-9]+|so um (momento|minuto|minutinho|instante|segundo|pouco)|um (minuto|minutinho|momento|instante|segundinho)|\d+ ?(min|minutos|minutinhos))\b/;
/** …to check it themselves ("pra ver se sai", "já vejo se funcionou", "tá reiniciando"). */
const TO_CHECK = /\b(ver se|vejo se|pra ver|para ver|pra confirmar|para confirmar|testar|conferir|reiniciando|terminando|ja vejo|volto)\b/;

/**
 * "Calma q o cliente tá aqui no balcão, já vejo se funcionou": a moment asked for, to check, with
 * nothing asked or told that outranks a wait: the customer is not done, nor telling a problem.
 */
export function holdsOnToCheck(text: string): boolean {
  const t = clean(text);
  return HOLD_ON.test(t) && TO_CHECK.test(t) && !PROBLEM_TOLD.test(t) && !outranksWait(text) && !IRONY.test(text);
}
/**
 * "Agora aqui é o Beto, a Cida saiu e me passou o celular": who is writing changed, which says nothing
 * of the problem ("saiu", "agora" had been read as solved, and a partner's chat closed on it).
 */
const HANDS_OVER = /\b(?:(?:aqui|quem fala|agora) (?:e|eh|quem fala e) (?:o|a|do|da)? ?\w+|(?:me|te) (?:passou|passaram|emprestou|emprestaram|deu|deram) (?:o )?(?:celular|cel|telefone|fone|whats|zap|aparelho)|(?:passei|passo|vou passar) (?:o )?(?:celular|cel|telefone|whats|zap|aparelho)|(?:saiu|foi embora|teve que sair|precisou sair) e (?:me )?(?:passou|deixou|pediu)|(?:no|do) (?:celular|whats|zap|telefone) (?:d[oae]|da|do) \w+)\b/;

export function changesHands(text: string): boolean {
  const t = clean(text);
  return HANDS_OVER.test(t) && !FINE.test(t);
}

/**
 * "Não", "nao, ainda to testando", "pera, deixa aberto" to the bot's "posso encerrar?": keep the chat
 * open, with no problem told nor question asked (those are read as such).
 */
const KEEP_OPEN =
  /^(?:(?:n[aã]o+|n|nn|nops|negativo|ainda n[aã]o|calma(?: ai)?|pera(?:i|ai| ai)?|espera(?:i|ai| ai)?|aguarda)\b[\s,.!]*)+(?:(?:n[aã]o\s+)?(?:encerra|fecha|encerre|feche)\w*\b[\s,.!]*(?:ainda\b)?[\s,.!]*)?(?:(?:pode\s+)?(?:deixa|deixar|deixe)\s+(?:\w+\s+)?aberto\b[\s,.!]*)?(?:(?:ainda\s+)?(?:to|tou|estou|vou|tamo|estamos|vamos)\s+(?:testando|vendo|verificando|conferindo|olhando|terminando|testar|ver|verificar|conferir|olhar|terminar)\b[\w\s]{0,30})?[\s,.!]*(?:(?:obrigad[oa]|obg|vlw|valeu)\b)?[\s,.!]*$/;

export function keepsChatOpen(text: string): boolean {
  const t = clean(text);
  return t !== '' && KEEP_OPEN.test(t) && !text.includes('?') && !namesAProblem(text);
}

/** Words that tell a problem ("a impressora parou", "não abre", "erro"), in a short clause too. */
export function namesAProblem(text: string): boolean {
  return PROBLEM_TOLD.test(clean(text));
}
/** "A impressora parou, perai q vou ver se é o papel": a problem told beside the moment asked for. */
const PROBLEM_TOLD = /\b(parou|parado|parada|travou|trava|travando|travado|caiu|erro|pau|quebrou|quebrado|problema|falha|defeito|lento|lenta|(nao|n) (?:(?:ta|tao|esta|estao|fica|ficam)\s+)?(abre|abrindo|liga|ligando|imprime|imprimindo|sai|saindo|funciona|funcionando|entra|entrando|emite|emitindo|conecta|conectando|sobe|subindo|gera|gerando))\b/;

/**
 * A "wait a moment" that also asks something or tells a problem ("pera q vou pegar a nota, como
 * faço a devolução?", "não consigo abrir o caixa, fala que já existe um"), or complains about
 * waiting on the help desk: the question or the problem is what the bot acts on (INTENTS.md's
 * order puts `customer.other` above `customer.wait`).
 */
export function outranksWait(text: string): boolean {
  const t = clean(text);
  return ASKS.test(t) || ASKING.test(t) || COMPLAINT.test(t) || FAILS.test(t) || NEW_PROBLEM.test(t) || BROKE_AGAIN.test(t);
}

/** "Ih pera, parou d novo", "travou de novo": the problem back, whatever "wait" comes with it. */
const BROKE_AGAIN = /\b(parou|travou|trava|caiu|deu erro|deu pau|fechou|voltou a \w+)\b.*\b(de novo|d novo|denovo|dnv|novamente|outra vez)\b|\b(de novo|d novo|denovo|dnv|novamente|outra vez)\b.*\b(parou|travou|trava|travando|caiu|deu erro|deu pau|fechou)\b|\bvoltou a (travar|dar|cair|fechar|parar|aparecer)\b/;

/**
 * "Não precisa mais perguntar como tá o sistema, cancela isso", "para de me mandar mensagem":
 * the customer wants no more automatic messages, whatever else the words say (opt-out comes first
 * in INTENTS.md's order).
 */
const OPT_OUT =
  /\b((para|pare|parar|paro) de (ficar )?(me )?(mandar|enviar|perguntar|receber)|(nao|n) precisa (ficar )?(me )?(perguntar|perguntando|mandar|mandando)|(qd|qdo|quando) eu precisar eu (chamo|falo|aviso|mando)|(nao|n) (quero|queremos) (mais )?receber (essas?|esses?|mais|mensage[a-z]*|msg[a-z]*|o monitoramento|o acompanhamento)|(nao|n) (quero|precisa|preciso) mais (receber|dessas?|de mensage[a-z]*|mensage[a-z]*|msg[a-z]*|perguntar|que (me )?pergunte)|cancela (isso|essas? mensage[a-z]*|(o|esse|este) (monitoramento|acompanhamento))|(me )?(tira|tirem|remove|removam) (da|dessa|desta) lista|descadastr[a-z]*)\b/;

/**
 * A word that stops, refuses or complains: each of the 175 opt-outs of the training and dev data has one. The
 * classifier's opt-out stands only with one ("quero continuar recebendo" is no opt-out).
 */
const STOP_CUE =
  /\b(nao|n|nem|para(?! (?:outr[oa]s?|mim|ca|la|a gente|voce|vc|vcs|voces|ele|ela|eles|elas)\b)|pare|parem|parar|paro|chega|basta|cancel\w*|tira\w*|remov\w*|descadastr\w*|exclu\w*|sai\w*|stop|desinscrev\w*|bloque\w*|encher|enchendo|incomod\w*|chat\w*|cansad\w*|spam|sem|dispens\w*|desativ\w*|desliga\w*|suspend\w*|interromp\w*|encerr\w*|nunca)\b/;

export function saysStop(text: string): boolean {
  return STOP_CUE.test(clean(text));
}

export function asksToOptOut(text: string): boolean {
  return OPT_OUT.test(clean(text));
}

/** Words a pending reason and a closing message share without being about the same matter, as the FAQ reads them. */
const GENERIC_TERMS = new Set(
  terms(
    'aguardando aguardar aguarda cliente clientes precisa precisamos preciso verificar ver ajustar ajuste abrir chamado segunda amanha equipe setor pessoal tudo certo pode fechar encerrar obrigado obrigada agora sim resolvido resolveu resolver funcionou funcionando funciona deu certo esta estao para pelo pela com sem que porque entao depois dia hoje ontem fazer feito ficou ficar',
  ),
);

/** The words of a text worth comparing: the FAQ's terms (folded, synonyms mapped, stemmed), three letters or more, not generic. */
function topicWords(text: string): Set<string> {
  return new Set(terms(text).filter((w) => w.length >= 3 && !GENERIC_TERMS.has(w)));
}

/**
 * Whether a customer's closing message speaks of the matter a technician left pending ("mandei o
 * xml e a nota saiu" for "aguardando o cliente enviar o XML"): only then does it withdraw that
 * work; a bare "tudo certo, pode fechar" after another question may be about that question only.
 */
export function speaksOf(text: string, matter: string): boolean {
  const about = topicWords(matter);
  for (const w of topicWords(text)) if (about.has(w)) return true;
  return false;
}

/** "Obg, fico no aguardo", "vou esperar vc ver o outro caixa": the customer waits for the technician (not "wait for me"). */
const WAITS_FOR_US =
  /\b(aguardo|no aguardo|vou aguardar|fico aguardando|to aguardando|estou aguardando|aguardando (o|a|vc|voces|retorno|resposta|o tecnico)|vou esperar|fico esperando|to esperando|tou esperando|estou esperando|ta esperando|esta esperando|esperando (o|a|vc|voces|retorno|resposta|ainda|aqui))\b/;

export function waitsForUs(text: string): boolean {
  return WAITS_FOR_US.test(clean(text));
}
