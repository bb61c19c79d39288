/**
 * The labels the language layer knows, per audience (data/nlu/INTENTS.md says what each means).
 * The training files are validated against these lists; the flows switch on them.
 */

export const AGENT_INTENTS = [
  'agent.close',
  'agent.week',
  'agent.seller_return',
  'agent.list',
  'agent.status',
  'agent.help',
  'agent.cancel',
  'agent.smalltalk',
  'answer.yes',
  'answer.yes_demand',
  'answer.no',
  'answer.register',
  'demand.question',
  'demand.operation_error',
  'demand.system_dev',
  'demand.system_support',
  'demand.ok_only',
] as const;
export type AgentIntent = (typeof AGENT_INTENTS)[number];

/** What the bot had just asked the agent: the context of an agent's message. */
export const AGENT_CONTEXTS = ['idle', 'checkin.contact', 'checkin.demand', 'close.rsp', 'faq.offer'] as const;
export type AgentContext = (typeof AGENT_CONTEXTS)[number];

export const CUSTOMER_INTENTS = [
  'customer.all_fine',
  'customer.solved',
  'schedule.training',
  'schedule.coupon',
  'schedule.labels',
  'schedule.nfe',
  'customer.optout',
  'customer.hardware',
  'customer.wait',
  'customer.other',
] as const;
export type CustomerIntent = (typeof CUSTOMER_INTENTS)[number];

export type ScheduleTopic = 'training' | 'coupon' | 'labels' | 'nfe';

/** What a plantão technician's line to a customer is, for QA: refusing calls, scolding with the training, anything else. */
export const TECHNICIAN_INTENTS = ['technician.calls', 'technician.training', 'technician.other'] as const;

/** The answers that fit each question the bot asks an agent (an answer that fits wins over a question for the FAQ). */
export const EXPECTED_ANSWERS: Record<Exclude<AgentContext, 'idle'>, readonly AgentIntent[]> = {
  'checkin.contact': ['answer.yes', 'answer.yes_demand', 'answer.no'],
  'checkin.demand': ['demand.question', 'demand.operation_error', 'demand.system_dev', 'demand.system_support', 'demand.ok_only'],
  'close.rsp': ['answer.register', 'answer.no'],
  'faq.offer': ['answer.yes', 'answer.no'],
};

/** The ticket type of each demand (the specific tickets of docs/mission/monitoring-2266.md §3). */
/** `ok`: the configured code of a contact with no technical demand (MONITORING_OK_CODE). */
export const DEMAND_TICKET: Record<Extract<AgentIntent, `demand.${string}`>, string> = {
  'demand.question': '000001',
  'demand.operation_error': '000002',
  'demand.system_dev': '000003',
  'demand.system_support': '000025',
  'demand.ok_only': 'ok',
};

/** The check-in's demand menu (monitoring/messages.ts shows it): each number and the demand it stands for. */
export const DEMAND_MENU_INTENTS: Record<number, keyof typeof DEMAND_TICKET> = { 1: 'demand.question', 2: 'demand.operation_error', 3: 'demand.system_dev', 4: 'demand.system_support', 5: 'demand.ok_only' };
