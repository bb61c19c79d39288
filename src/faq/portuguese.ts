import { stemmer } from '@orama/stemmers/portuguese';
import { fold } from '../util/text.js';

/**
 * How the FAQ reads Portuguese: accents and case folded, WhatsApp spellings and synonyms mapped
 * to one word, stop words dropped, the rest stemmed (Snowball Portuguese, via @orama/stemmers).
 */

const STOP = new Set(
  `a o e de do da dos das em no na nos nas num numa um uma uns umas para pra pro pros por pelo pela com que se eu ele ela eles elas me mim meu minha meus minhas seu sua seus suas te tu voce vc voces vcs nos
  ao aos as os isso isto esse essa este esta aquele aquela ser sou e era foi tem tenho ter tinha ha como qual quais quando ou mas ja so entao
  faco fazer faz fizer fiz preciso precisa posso pode podem devo deve agora ai la aqui ta ne oi ola bom boa dia tarde noite bot obrigado obrigada
  alguem algum alguma coisa sobre la mesmo tambem sempre muito quero queria gostaria saber hj hoje msm pq q oq pfv pf favor ae eai acontece acontecer fica ficar dar deu vai ir uso usar usa utilizo utilizar`.split(/\s+/),
);

/** Folded word → the word it means here. */
const SYNONYMS: Record<string, string> = {
  chamado: 'atendimento', chamados: 'atendimento', ticket: 'atendimento', tickets: 'atendimento', atendimentos: 'atendimento',
  monitoria: 'monitoramento', monitoramentos: 'monitoramento', acompanhamento: 'monitoramento',
  '2266': 'monitoramento', mestre: 'monitoramento',
  implatacao: 'implantacao', implantaçao: 'implantacao', implanta: 'implantacao', implantacoes: 'implantacao', implantei: 'implantacao',
  parceiro: 'partner', parceiros: 'partner', parceira: 'partner', parter: 'partner',
  fds: 'plantao', sabado: 'plantao', domingo: 'plantao', feriado: 'plantao', platao: 'plantao', plantoes: 'plantao',
  fechar: 'encerrar', fecho: 'encerrar', finalizar: 'encerrar', finalizo: 'encerrar', encerro: 'encerrar', terminar: 'encerrar',
  supervisao: 'supervisor', supervisora: 'supervisor', gestor: 'supervisor', coordenador: 'supervisor', chefe: 'supervisor',
  gerencia: 'gerente', gerentes: 'gerente',
  qualidade: 'qa', avaliacao: 'qa', avalia: 'qa',
  paga: 'pagamento', pago: 'pagamento', valor: 'pagamento', grana: 'pagamento', receber: 'pagamento', recebo: 'pagamento', remuneracao: 'pagamento', ganho: 'pagamento', dinheiro: 'pagamento',
  treinar: 'treinamento', capacitacao: 'treinamento', curso: 'treinamento',
  marcar: 'agendar', marco: 'agendar', agendo: 'agendar', agendamento: 'agendar',
  bug: 'erro', falha: 'erro', defeito: 'hardware', impressora: 'hardware', equipamento: 'hardware', maquina: 'hardware',
  pergunta: 'duvida', duvidas: 'duvida',
  escolho: 'classificar', escolher: 'classificar', decidir: 'classificar', decido: 'classificar', classifico: 'classificar',
  vendedora: 'vendedor', comercial: 'vendedor', vendas: 'vendedor',
  respondeu: 'contato', responde: 'contato', atende: 'contato', atendeu: 'contato', retorna: 'contato', sumiu: 'contato', some: 'contato',
  resposta: 'contato', respondendo: 'contato', atendendo: 'contato', ninguem: 'contato',
  objetivo: 'proposito', mede: 'proposito', medir: 'proposito', finalidade: 'proposito', importancia: 'proposito',
  codigo: 'codigo', cod: 'codigo', codigos: 'codigo',
  '1a': 'primeira', '1ª': 'primeira', '2a': 'segunda', '2ª': 'segunda', '3a': 'terceira', '3ª': 'terceira',
  ultima: 'terceira',
  '29': '000029', '25': '000025',
  nfe: 'nfe', 'nf-e': 'nfe', nfce: 'nfe', 'nfc-e': 'nfe', nota: 'nfe',
  pendente: 'pendencia', pendencias: 'pendencia', pendentes: 'pendencia',
  ferias: 'ferias',
  revendedor: 'revenda', revendas: 'revenda',
  customizada: 'personalizada', customizado: 'personalizada', customizacao: 'personalizada', customizar: 'personalizada',
  personalizacao: 'personalizada', personalizado: 'personalizada', personalizar: 'personalizada',
};

/** Numbers that name a week ("semana 1") or a ticket code ("o 29") keep their meaning. */
const PHRASES: [RegExp, string][] = [
  [/\b(fim|final|finais) de semana\b/g, 'plantao'],
  [/\b(semana|semanas) (que vem|seguinte)\b/g, 'proxima'],
  [/\bnao sabe\b/g, 'duvida'],
  [/\b(fazer|faz|faco|pegar|pego|trabalhar no|participar do|participa do) (o )?plantao\b/g, 'participar plantao'],
  [/\bpor ?que\b/g, 'proposito'],
  [/\bsemana (um|uma)\b/g, 'primeira semana'],
  [/\bsemana (dois|duas)\b/g, 'segunda semana'],
  [/\bsemana tres\b/g, 'terceira semana'],
  [/\b(ultima|final da|fim da) semana\b/g, 'terceira semana'],
  [/\bfez errado\b|\berrou\b/g, 'operacao'],
];

export function tokenize(text: string): string[] {
  let folded = fold(text);
  for (const [re, to] of PHRASES) folded = folded.replace(re, to);
  return folded
    .replace(/semana (\d)/g, (_m, n: string) => `${({ '1': 'primeira', '2': 'segunda', '3': 'terceira' })[n] ?? n} semana`)
    .split(/[^a-z0-9ªº-]+/)
    .flatMap((t) => t.split(/(?<=[a-z])-(?=[a-z])/))
    .filter(Boolean);
}

/** The words that carry a text's meaning: tokenized, folded, stop words out, synonyms mapped, stemmed. */
export function terms(text: string): string[] {
  return tokenize(text)
    .map(processTerm)
    .filter((t): t is string => t !== null && t.length > 0);
}

export function processTerm(term: string): string | null {
  const t = fold(term).replace(/^-+|-+$/g, '');
  if (!t || STOP.has(t)) return null;
  const mapped = SYNONYMS[t] ?? t;
  if (/^\d+$/.test(mapped)) return mapped.length >= 4 ? mapped.padStart(6, '0') : mapped;
  return stemmer(mapped);
}
