/**
 * `npm run chaos`: 20,000 events over 2,000 chats (agents asking the bot, implantation closes
 * that write a 2266 in Bimer, customers on call asking to book training and chatting) sent the
 * way Karoo sends them (each chat in order, redelivered until a 2xx), while the built bot is
 * killed with SIGKILL at 5 random moments (and restarted) and Redis (AOF on) is killed and
 * restarted once. Counted at the Karoo and Bimer stand-ins: every accepted event has its
 * effect, no effect twice, every follow-up timer still armed. Exit 1 when a count is wrong.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { signWebhook } from '../src/intake/webhook-signature.js';
import { BENCH_SECRET, BotProcess, buildBot } from './lib/processes.js';
import { RedisProcess } from './lib/redis-server.js';
import { machine, writeResults } from './lib/results.js';
import { onCallTodayEnv, StandIns } from './lib/stand-ins.js';

const EVENTS = Number(process.env.CHAOS_EVENTS ?? 20_000);
const CHATS = Number(process.env.CHAOS_CHATS ?? 2_000);
const BOT_KILLS = Number(process.env.CHAOS_KILLS ?? 5);
const CONCURRENCY = 64;
const AGENTS = Math.round(CHATS * 0.2);
const CLOSERS = Math.round(AGENTS / 4);
const PARECER = 'Cliente satisfeito, equipe treinada.';
const FAQ = ['o que faço quando o cliente não responde na primeira semana?', 'qual tipo de atendimento uso quando o cliente tem uma dúvida?', 'quem recebe o 2266 depois da terceira semana?'];
const SCHEDULE = ['gostaria de agendar um treinamento', 'queria marcar a configuração das etiquetas', 'quero marcar um treinamento pra equipe nova'];
const RATE = 400; // events per second offered, so the faults land while events flow
const CHATTER = ['boa tarde, o sistema não abre', 'ainda estou aguardando', 'consegue ver o erro que mandei?', 'ok'];

type Expect = 'reply' | 'none';
interface Planned {
  id: string;
  chat: string;
  body: string;
  expect: Expect;
  /** Wait until the bot has asked, in this chat, something containing this text (an agent reads before answering). */
  afterAsked?: string;
}

function event(id: string, chatId: string, kind: 'agent' | 'customer', text: string, n: number): string {
  const agent = kind === 'agent';
  return JSON.stringify({
    id,
    type: 'message.created',
    occurredAt: new Date().toISOString(),
    chat: {
      id: chatId,
      number: n,
      department: agent ? 'bot' : 'suporte',
      contact: { id: `ct_${chatId}`, kind, name: agent ? 'Agente Teste' : 'Maria Souza', phone: null, login: agent ? chatId.replace('ch_agent_', '') : null, crmCode: null },
      agent: null,
    },
    message: { id: `msg_${id}`, author: 'contact', text },
  });
}

/** Every chat's messages, in order; the counts add up to EVENTS. */
function plan(): Map<string, Planned[]> {
  const chats = new Map<string, Planned[]>();
  const perChat = Math.floor(EVENTS / CHATS);
  let extra = EVENTS - perChat * CHATS;
  for (let c = 0; c < CHATS; c++) {
    const n = perChat + (extra-- > 0 ? 1 : 0);
    const list: Planned[] = [];
    if (c < AGENTS) {
      const login = `agente${c}`;
      const chat = `ch_agent_${login}`;
      for (let i = 0; i < n; i++) {
        const id = `evt_chaos_${c}_${i}`;
        if (c < CLOSERS && i === 0) list.push({ id, chat, body: event(id, chat, 'agent', `finalizei a implantação do cliente ${9000 + c}. Parecer: ${PARECER}`, c), expect: 'reply' });
        else if (c < CLOSERS && i === 1) list.push({ id, chat, body: event(id, chat, 'agent', `2026110${String(9000 + c).padStart(6, '0')}`, c), expect: 'reply', afterAsked: 'RSP' });
        else {
          const text = i % 2 === 0 ? 'ping' : (FAQ[i % FAQ.length] as string);
          list.push({ id, chat, body: event(id, chat, 'agent', text, c), expect: 'reply' });
        }
      }
    } else {
      const chat = `ch_cust_${c}`;
      for (let i = 0; i < n; i++) {
        const id = `evt_chaos_${c}_${i}`;
        const ask = i % 3 === 1;
        list.push({ id, chat, body: event(id, chat, 'customer', ask ? (SCHEDULE[i % SCHEDULE.length] as string) : (CHATTER[i % CHATTER.length] as string), c), expect: ask ? 'reply' : 'none' });
      }
    }
    chats.set(list[0]?.chat ?? `ch_${c}`, list);
  }
  return chats;
}

function seedBimer(standIns: StandIns): void {
  standIns.bimer.addUser({ Identificador: '00SUPCHAOS', NomeLogin: 'supervisora.caos', Nome: 'Carla Mendes', IdentificadorSupervisor: null });
  for (let c = 0; c < AGENTS; c++) {
    standIns.bimer.addUser({ Identificador: `00U${String(c).padStart(7, '0')}`, NomeLogin: `agente${c}`, Nome: `Agente ${c}`, IdentificadorSupervisor: '00SUPCHAOS' });
  }
  for (let c = 0; c < CLOSERS; c++) {
    const code = String(9000 + c).padStart(6, '0');
    const person = `00P${String(c).padStart(7, '0')}`;
    standIns.bimer.addPerson({ Identificador: person, Codigo: code, Nome: `Cliente ${c}`, Telefones: [`(21) 9${String(c).padStart(4, '0')}-0000`], IdentificadorVendedor: null, IdentificadorRevenda: null });
    standIns.bimer.tickets.push({
      Identificador: `00R${String(c).padStart(7, '0')}`,
      Protocolo: `2026110${code}`,
      CodigoTipoAtendimento: '000030',
      Texto: 'RSP da implantação',
      ChaveExterna: '',
      IdentificadorCliente: person,
      IdentificadorAtendimentoVinculado: null,
      Situacao: 'A',
    });
  }
}

async function main(): Promise<void> {
  buildBot();
  const redisServer = new RedisProcess({ aof: true });
  const redisUrl = await redisServer.start();
  const standIns = new StandIns();
  const url = await standIns.listen();
  seedBimer(standIns);
  const bot = new BotProcess({ ...onCallTodayEnv(url, redisUrl), RATE_LIMIT_MAX: '1000000', SHUTDOWN_TIMEOUT_MS: '2000' });
  await bot.start();

  const chats = plan();
  const accepted = new Set<string>();
  const statuses = new Map<number | string, number>();
  let redeliveries = 0;
  let botDown = false;
  const started = performance.now();

  /** Karoo's side: POST until a 2xx, like its redelivery policy (any non-2xx or no answer). */
  let paced = 0;
  const deliver = async (p: Planned): Promise<void> => {
    const slot = (paced++ / RATE) * 1000;
    const wait = slot - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        redeliveries += 1;
        await sleep(100 + Math.random() * 400);
      }
      if (botDown) continue;
      const headers = { 'content-type': 'application/json', ...signWebhook(BENCH_SECRET, p.id, Math.floor(new Date().getTime() / 1000), p.body) };
      const res = await fetch(`${bot.url}/webhooks/karoo`, { method: 'POST', headers, body: p.body, signal: AbortSignal.timeout(5000) }).catch((err: Error) => err.name);
      const status = typeof res === 'string' ? res : res.status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (typeof res !== 'string') await res.arrayBuffer().catch(() => undefined);
      if (typeof status === 'number' && status >= 200 && status < 300) {
        accepted.add(p.id);
        return;
      }
    }
  };
  const replied = new Set<string>();
  const textsByChat = new Map<string, string[]>();
  standIns.onDelivery = (d) => {
    const id = /^karoo-bot:(.+?):\d+$/.exec(d.key)?.[1];
    if (id) replied.add(id);
    textsByChat.set(d.chatId, [...(textsByChat.get(d.chatId) ?? []), d.text]);
  };
  const repliedTo = (eventId: string): boolean => replied.has(eventId);
  // The bot answers in the agent's chat, or, when it speaks first (after Bimer answered), proactively to the login.
  const asked = (chat: string, text: string): boolean =>
    [chat, chat.replace('ch_agent_', 'ch_bot_')].some((c) => (textsByChat.get(c) ?? []).some((t) => t.includes(text)));

  const queue = [...chats.values()];
  let nextChat = 0;
  const senders = Array.from({ length: CONCURRENCY }, async () => {
    while (nextChat < queue.length) {
      const list = queue[nextChat++] as Planned[];
      for (const p of list) {
        if (p.afterAsked) {
          const text = p.afterAsked;
          for (let i = 0; i < 600 && !asked(p.chat, text); i++) await sleep(100);
        }
        await deliver(p);
      }
    }
  });

  // The faults, at random moments while the events flow: each one when a random share of the
  // events has been accepted (so they land in the middle of the traffic, not before or after it).
  const shares = Array.from({ length: BOT_KILLS }, () => 0.05 + Math.random() * 0.85).sort((a, b) => a - b);
  const redisShare = 0.1 + Math.random() * 0.8;
  const faultLog: string[] = [];
  const at = () => `${Math.round((performance.now() - started) / 1000)} s, ${accepted.size} accepted`;
  const killRedis = async () => {
    await redisServer.kill();
    faultLog.push(`${at()}: Redis SIGKILL`);
    await sleep(1000);
    await redisServer.start();
    faultLog.push(`${at()}: Redis restarted from its AOF`);
  };
  let sending = true;
  const faults = (async () => {
    let redisDone = false;
    for (const share of shares) {
      while (accepted.size < share * EVENTS && sending) {
        if (!redisDone && accepted.size >= redisShare * EVENTS) {
          redisDone = true;
          await killRedis();
        }
        await sleep(20);
      }
      botDown = true;
      await bot.kill('SIGKILL');
      faultLog.push(`${at()}: bot SIGKILL`);
      await bot.start().catch(async (err: unknown) => {
        // Started but not ready in time (say, Redis still loading its AOF): once more.
        faultLog.push(`bot restart: ${(err as Error).message}; killing and starting again`);
        await bot.kill('SIGKILL');
        await bot.start();
      });
      botDown = false;
      faultLog.push(`${at()}: bot ready again`);
    }
    while (!redisDone && accepted.size < redisShare * EVENTS && sending) await sleep(20);
    if (!redisDone) await killRedis();
  })();
  const progress = setInterval(() => console.error(`chaos: ${accepted.size}/${EVENTS} accepted, ${standIns.deliveries.length} Karoo deliveries, ${faultLog.length} fault steps`), 10_000);
  await Promise.all([Promise.all(senders), faults.catch((err: unknown) => faultLog.push(`fault task failed: ${(err as Error).message}`))]);
  sending = false;
  await faults.catch(() => undefined);
  clearInterval(progress);
  const sendSeconds = Math.round((performance.now() - started) / 1000);

  // Wait for the bot to finish what it accepted.
  const plannedList = [...chats.values()].flat();
  const expected = plannedList.filter((p) => p.expect === 'reply');
  for (let i = 0; i < 1200; i++) {
    if (expected.every((p) => repliedTo(p.id)) && standIns.bimer.ticketsOfType('2266').length >= CLOSERS) break;
    await sleep(250);
  }
  await sleep(3000); // anything late would show up as a duplicate now

  // Counts.
  const perEvent = new Map<string, number>();
  for (const key of standIns.byKey.keys()) {
    const id = /^karoo-bot:(.+?):\d+$/.exec(key)?.[1];
    if (id) perEvent.set(id, (perEvent.get(id) ?? 0) + 1);
  }
  const missing = expected.filter((p) => !perEvent.has(p.id));
  const pongTwice = plannedList.filter((p) => p.body.includes('"text":"ping"') && (perEvent.get(p.id) ?? 0) > 1);
  const tickets2266 = standIns.bimer.ticketsOfType('2266');
  // Per-chat order: the replies of an agent's chat arrive in the order of its messages.
  let outOfOrder = 0;
  for (const [chat, list] of chats) {
    if (!chat.startsWith('ch_agent_')) continue;
    const order = new Map(list.map((p, i) => [p.id, i]));
    let last = -1;
    for (const d of standIns.deliveries) {
      if (d.chatId !== chat) continue;
      const id = /^karoo-bot:(.+?):\d+$/.exec(d.key)?.[1] ?? '';
      const i = order.get(id);
      if (i === undefined) continue;
      if (i < last) outOfOrder += 1;
      last = Math.max(last, i);
    }
  }
  // Follow-ups: every chat or agent waiting for a timer still has it armed in Redis.
  const redis = new Redis(redisUrl);
  const states = await scanStates(redis);
  const armed = await redis.hgetall('kb:timers-armed');
  let waiting = 0;
  let lost = 0;
  for (const [stream, state] of states) {
    if (stream.startsWith('chat:') && typeof state.wakeAt === 'string') {
      waiting += 1;
      if (armed[`chat|${stream.slice(5)}|wake`] !== Date.parse(state.wakeAt).toString(36)) lost += 1;
    }
  }
  const monitorings = Object.keys(armed).filter((k) => k.startsWith('mon|') && k.includes('|due|')).length;
  const delayed = await redis.zcard('kb:timers:delayed');
  // Jobs that gave up (they would wait in bull-board for ops): should be none.
  const failedSets = (await redis.keys('kb:*:failed')).filter((k) => !k.includes(':sandbox:'));
  const failed: Record<string, number> = {};
  for (const k of failedSets) {
    const n = await redis.zcard(k);
    if (n > 0) failed[k] = n;
  }
  const failedSamples = await Promise.all(
    failedSets.slice(0, 3).map(async (k) => {
      const [id] = await redis.zrange(k, 0, 0);
      return id ? `${k} ${id}: ${await redis.hget(`${k.slice(0, -'failed'.length)}${id}`, 'failedReason')}` : '';
    }),
  );
  redis.disconnect();
  const rssMb = bot.rssMb();
  await bot.kill('SIGTERM');
  await standIns.close();
  await redisServer.stop();

  const result = {
    machine: machine(),
    events: EVENTS,
    chats: CHATS,
    sendSeconds,
    faults: faultLog,
    accepted: accepted.size,
    redeliveries,
    webhookAnswers: Object.fromEntries(statuses),
    expectedReplies: expected.length,
    missingReplies: missing.length,
    karooPosts: standIns.karooPosts,
    karooDeliveries: standIns.deliveries.length,
    karooRetriesDeduplicated: standIns.karooReplays,
    pongDeliveredTwice: pongTwice.length,
    outOfOrder,
    tickets2266: tickets2266.length,
    closes: CLOSERS,
    duplicateTickets: standIns.duplicateTickets(),
    chatsWaitingForATimer: waiting,
    timersLost: lost,
    monitoringFollowUpsArmed: monitorings,
    delayedJobs: delayed,
    failedJobs: failed,
    failedSamples: failedSamples.filter(Boolean),
    botRssMb: rssMb,
  };
  const ok =
    result.accepted === EVENTS && result.missingReplies === 0 && result.pongDeliveredTwice === 0 && result.duplicateTickets === 0 && result.tickets2266 === CLOSERS && result.timersLost === 0 && result.monitoringFollowUpsArmed === CLOSERS && outOfOrder === 0 && Object.keys(failed).length === 0;
  const md = [
    `# Chaos run: ${EVENTS.toLocaleString('en')} events over ${CHATS.toLocaleString('en')} chats, ${BOT_KILLS} bot SIGKILLs, one Redis SIGKILL`,
    '',
    ...faultLog.map((f) => `- ${f}`),
    '',
    '| count | value | must be |',
    '|---|---|---|',
    `| events accepted (2xx) | ${result.accepted} | ${EVENTS} |`,
    `| redeliveries by the sender (bot or Redis down) | ${redeliveries} | |`,
    `| webhook answers | ${JSON.stringify(result.webhookAnswers)} | |`,
    `| replies expected / missing | ${expected.length} / ${missing.length} | missing 0 |`,
    `| Karoo POSTs / first deliveries / retries deduplicated by key | ${standIns.karooPosts} / ${standIns.deliveries.length} / ${standIns.karooReplays} | |`,
    `| a "ping" answered twice | ${pongTwice.length} | 0 |`,
    `| agent replies out of order | ${outOfOrder} | 0 |`,
    `| 2266 tickets / implantation closes | ${tickets2266.length} / ${CLOSERS} | equal |`,
    `| tickets created twice (same ChaveExterna) | ${result.duplicateTickets} | 0 |`,
    `| monitoring follow-ups armed | ${monitorings} | ${CLOSERS} |`,
    `| chats waiting for a timer / timer lost | ${waiting} / ${lost} | lost 0 |`,
    `| jobs failed for good | ${JSON.stringify(failed)} | none |`,
    '',
    `**${ok ? 'PASS' : 'FAIL'}** in ${sendSeconds} s of sending. ${result.machine}.`,
    '',
  ].join('\n');
  writeResults('chaos', result, md);
  if (!ok) process.exitCode = 1;
}

async function scanStates(redis: Redis): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'kb:state:*', 'COUNT', 1000);
    cursor = next;
    const values = keys.length ? await redis.mget(keys) : [];
    keys.forEach((k, i) => {
      if (values[i]) out.set(k.slice('kb:state:'.length), JSON.parse(values[i]) as Record<string, unknown>);
    });
  } while (cursor !== '0');
  return out;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
