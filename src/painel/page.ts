import { CODE_NAMES } from '../domain/ticket-codes.js';
import { fold } from '../util/text.js';
import { esc, STYLE } from './html.js';
import { CODES, PERIOD_LABELS, PERIODS, share, totalOf, type AgentIndicators, type Period } from './indicators.js';
import { ROW_STATES, type MonitoringRow, type RowFilter } from './monitorings.js';
import { FLAG_LABELS } from '../flows/plantao/qa-report.js';
import type { PlantaoView } from './plantao.js';

/**
 * The supervisors' page (`/painel`), rendered on the server: plain HTML and CSS, no JavaScript,
 * in Portuguese. Filters are a GET form; each table has its CSV beside it. Pure.
 */

const stateClass = (state: string) => `s-${fold(state).replace(/ /g, '-')}`;

function query(filter: RowFilter): string {
  const params = new URLSearchParams();
  if (filter.agent) params.set('agente', filter.agent);
  if (filter.state) params.set('estado', filter.state);
  const q = params.toString();
  return q ? `?${q}` : '';
}

export interface PainelPage {
  rows: MonitoringRow[];
  /** Every implanter with a monitoring: login and name, for the filter. */
  agents: { login: string; name: string }[];
  filter: RowFilter;
  /** "terça-feira, 01/12 às 10:00": when the figures were read. */
  readAt: string;
  /** Counts by state, over every monitoring (not only the filtered ones). */
  totals: Record<string, number>;
  indicators: { period: Period; label: string; rows: AgentIndicators[] };
  plantao: PlantaoView;
  /** § Perguntas sem resposta (`questions-page.ts`), rendered already. */
  questions?: string;
  /** Choices in the address the page does not know (`estado=xyz`): said at the top, not silently dropped. */
  ignored?: string[];
}


/** The specific tickets of the period by code, as horizontal bars (SVG: no script, prints as it shows). */
function codeChart(total: AgentIndicators): string {
  const max = Math.max(1, ...CODES.map((c) => total.byCode[c] ?? 0));
  const bars = CODES.map((c, i) => {
    const n = total.byCode[c] ?? 0;
    const width = Math.round((n / max) * 260);
    const y = i * 26;
    return `<text x="0" y="${y + 15}" font-size="12">${c} ${esc(CODE_NAMES[c] ?? '')}</text><rect x="150" y="${y + 3}" width="${width}" height="16" fill="#3e7bd6"/><text x="${156 + width}" y="${y + 15}" font-size="12">${n}</text>`;
  }).join('');
  return `<svg role="img" aria-label="Atendimentos específicos por código" width="460" height="${CODES.length * 26}" viewBox="0 0 460 ${CODES.length * 26}">${bars}</svg>`;
}

const hidden = (name: string, value: string | undefined) => (value ? `<input type="hidden" name="${name}" value="${esc(value)}">` : '');

function indicatorsSection({ period, label, rows }: PainelPage['indicators'], filter: RowFilter, plantaoDay: string | undefined): string {
  const total = totalOf(rows);
  const line = (r: AgentIndicators, tag: 'td' | 'th') =>
    `<tr><${tag}>${esc(r.name)}</${tag}><td>${r.opened}</td>${CODES.map((c) => `<td>${r.byCode[c] ?? 0}</td>`).join('')}<td>${share(r.week1ToSeller, r.week1)}</td><td>${share(r.finishedOnTime, r.finished)}</td></tr>`;
  const periodOption = (p: Period) => `<option value="${p}"${p === period ? ' selected' : ''}>${PERIOD_LABELS[p]}</option>`;
  return `<section id="indicadores"><h2>Indicadores — ${esc(label)}</h2>
<form method="get" action="/painel">${hidden('agente', filter.agent)}${hidden('estado', filter.state)}${hidden('plantao', plantaoDay)}<label>Período<select name="periodo">${PERIODS.map(periodOption).join('')}</select></label><button type="submit">Ver</button>
<a class="csv" href="/painel/indicadores.csv?periodo=${period}">Exportar CSV</a></form>
<table><thead><tr><th>Implantador</th><th>2266 abertos</th>${CODES.map((c) => `<th>${c}</th>`).join('')}<th>1ª semana com o vendedor</th><th>Ciclos concluídos no prazo</th></tr></thead>
<tbody>${rows.map((r) => line(r, 'td')).join('')}</tbody><tfoot>${line(total, 'th')}</tfoot></table>
<div class="chart">${codeChart(total)}</div></section>`;
}

function plantaoSection({ choices, current, notFound }: PlantaoView, keep: Record<string, string | undefined>): string {
  if (!current && notFound !== undefined && choices.length > 0) {
    const options = choices.map((c) => `<option value="${esc(c.day)}">${esc(c.label)}</option>`).join('');
    return `<section id="plantao"><h2>Plantão</h2><p class="empty" id="plantao-nao-encontrado">Nenhum plantão registrado com o dia “${esc(notFound)}”. Escolha um dos plantões registrados:</p>
<form method="get" action="/painel#plantao">${Object.entries(keep).map(([k, v]) => hidden(k, v)).join('')}<label>Plantão<select name="plantao">${options}</select></label><button type="submit">Ver</button></form></section>`;
  }
  if (!current) return '<section id="plantao"><h2>Plantão</h2><p class="empty">Nenhum plantão registrado ainda: os chats de plantão aparecem aqui quando fecham ou quando o turno termina.</p></section>';
  const { summary, report } = current;
  const t = summary.total;
  const q = `?plantao=${encodeURIComponent(current.day)}`;
  const cell = (n: number | null, unit = '') => (n === null ? '—' : `${n}${unit}`);
  const line = (r: (typeof summary.rows)[number]) =>
    `<tr><td>${esc(r.shift)}</td><td>${esc(r.technician)}</td><td>${r.chats}</td><td>${cell(r.firstResponseMinutes, ' min')}</td><td>${r.longestWaitMinutes} min${r.longestWaitChat && r.longestWaitMinutes > 0 ? `<br><small>chat ${esc(r.longestWaitChat)}</small>` : ''}</td><td>${r.checkins}</td><td>${r.closedAfterOk}</td><td>${r.notices}</td><td>${r.pending}${r.pendingTo.length ? `<br><small>para ${esc(r.pendingTo.join(', '))}</small>` : ''}${r.pendingWithdrawn ? `<br><small>${r.pendingWithdrawn} retirada${r.pendingWithdrawn > 1 ? 's' : ''} (resolvida${r.pendingWithdrawn > 1 ? 's' : ''} depois)</small>` : ''}</td><td>${r.resellerRedirects}</td></tr>`;
  const status = report
    ? `Relatório de QA enviado a ${esc(report.to.join(', ') || 'ninguém (sem QA nem gerente disponível)')} em ${esc(current.reportAt)}.`
    : `O relatório de QA sai ${esc(current.reportAt)}.`;
  const flags = summary.flags.length
    ? `<table id="alertas"><thead><tr><th>Ponto de atenção</th><th>Chats</th><th>Técnico</th><th>Detalhe</th></tr></thead><tbody>${summary.flags
        .map((f) => `<tr data-kind="${esc(f.kind)}"><td><span class="flag">${esc(FLAG_LABELS[f.kind])}</span></td><td>${esc(f.chats.join(', '))}</td><td>${esc(f.technician ?? 'sem técnico')}</td><td>${esc(f.detail)}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="empty" id="alertas">Nenhum ponto de atenção neste plantão.</p>';
  const option = (c: (typeof choices)[number]) => `<option value="${esc(c.day)}"${c.day === current.day ? ' selected' : ''}>${esc(c.label)}</option>`;
  return `<section id="plantao"><h2>Plantão — ${esc(current.label)}</h2>
<form method="get" action="/painel#plantao">${Object.entries(keep).map(([k, v]) => hidden(k, v)).join('')}<label>Plantão<select name="plantao">${choices.map(option).join('')}</select></label><button type="submit">Ver</button>
<a class="csv" href="/painel/plantao.csv${q}">Exportar CSV</a></form>
<div class="summary"><div><b>${t.chats}</b>${t.chats === 1 ? 'chat' : 'chats'}</div><div><b>${t.technicians}</b>${t.technicians === 1 ? 'técnico' : 'técnicos'}</div><div><b>${cell(t.firstResponseMinutes, ' min')}</b>1ª resposta (média)</div><div><b>${t.longestWaitMinutes} min</b>maior tempo parado</div><div><b>${summary.flags.length}</b>${summary.flags.length === 1 ? 'ponto de atenção' : 'pontos de atenção'}</div></div>
<table id="plantao-tecnicos"><thead><tr><th>Turno</th><th>Técnico</th><th>Chats</th><th>1ª resposta (média)</th><th>Maior tempo parado</th><th>Verificações do bot</th><th>Encerrados após tudo ok/resolvido</th><th>Avisos de fim de plantão</th><th>Pendências</th><th>Clientes de revenda</th></tr></thead>
<tbody>${summary.rows.map(line).join('')}</tbody>
<tfoot><tr><th>Total</th><th>${t.technicians} ${t.technicians === 1 ? 'técnico' : 'técnicos'}</th><td>${t.chats}</td><td>${cell(t.firstResponseMinutes, ' min')}</td><td>${t.longestWaitMinutes} min</td><td>${t.checkins}</td><td>${t.closedAfterOk}</td><td>${t.notices}</td><td>${t.pending}</td><td>${t.resellerRedirects}</td></tr></tfoot></table>
<h3>Pontos de atenção para o QA <a class="csv" href="/painel/alertas.csv${q}">Exportar CSV</a></h3>
${flags}
<p class="note">${status}</p></section>`;
}

export function renderPainel({ rows, agents, filter, readAt, totals, indicators, plantao, questions, ignored = [] }: PainelPage): string {
  const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const summary = ROW_STATES.map((s) => `<div><b>${totals[s] ?? 0}</b>${esc(s)}</div>`).join('');
  const body = rows.length
    ? `<table><thead><tr><th>Cliente</th><th>Implantador</th><th>Semana</th><th>Próximo contato</th><th>Estado</th><th>Último acompanhamento</th><th>Protocolos</th></tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr data-state="${esc(r.state)}"><td>${esc(r.customer)}<br><small>${esc(r.customerCode)}</small></td><td>${esc(r.implanter)}<br><small>${esc(r.implanterLogin)}</small></td><td>${r.week}ª</td><td>${esc(r.nextContact ?? '—')}</td><td><span class="state ${stateClass(r.state)}">${esc(r.state)}</span><br><small>${esc(r.detail)}</small></td><td class="followup">${esc(r.followUp ?? '—')}</td><td class="protocols">${r.protocols.map(esc).join('<br>')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="empty">Nenhum monitoramento com esses filtros.</p>';
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Painel da supervisão — karoo-bot</title><style>${STYLE}</style></head>
<body><header><h1>Painel da supervisão</h1><p>Monitoramento pós-implantação (2266) e plantão — dados de ${esc(readAt)}</p></header>
<main>${ignored.length ? `<p class="note" id="filtros-ignorados">${ignored.map((i) => esc(i)).join(' ')}</p>` : ''}<section id="monitoramentos"><h2>Monitoramentos</h2>
<div class="summary">${summary}</div>
<form method="get" action="/painel">${hidden('periodo', indicators.period)}${hidden('plantao', plantao.current?.day)}
<label>Implantador<select name="agente">${option('', 'todos', !filter.agent)}${agents.map((a) => option(a.login, a.name, filter.agent === a.login)).join('')}</select></label>
<label>Estado<select name="estado">${option('', 'todos', !filter.state)}${ROW_STATES.map((s) => option(s, s, filter.state === s)).join('')}</select></label>
<button type="submit">Filtrar</button>
<a class="csv" href="/painel/monitoramentos.csv${esc(query(filter))}">Exportar CSV</a>
</form>
${body}
</section>
${indicatorsSection(indicators, filter, plantao.current?.day)}
${plantaoSection(plantao, { agente: filter.agent, estado: filter.state, periodo: indicators.period })}
${questions ?? ''}
</main></body></html>`;
}
