import { ROW_STATES, type MonitoringRow, type RowFilter } from './monitorings.js';

/**
 * The supervisors' page (`/painel`), rendered on the server: plain HTML and CSS, no JavaScript,
 * in Portuguese. Filters are a GET form; each table has its CSV beside it. Pure.
 */

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#12355b;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.85;font-size:13px}
main{padding:16px 24px}h2{font-size:17px;margin:8px 0 12px}
form{display:flex;gap:12px;align-items:end;flex-wrap:wrap;margin-bottom:12px}label{display:flex;flex-direction:column;font-size:12px;gap:2px}
select,button{font:inherit;padding:4px 8px}a.csv{margin-left:auto;font-size:13px}
.summary{display:flex;gap:12px;margin-bottom:12px}.summary div{background:#fff;border-radius:6px;padding:8px 14px;box-shadow:0 1px 2px #0001;font-size:13px}.summary b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0001;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}th{background:#e4e7eb}
.state{border-radius:10px;padding:1px 8px;white-space:nowrap;font-size:12px}
.s-atrasado{background:#fde2e1;color:#a61b1b}.s-no-prazo{background:#e3f9e5;color:#1f7a32}.s-com-o-vendedor{background:#fff3c4;color:#8d6708}.s-aguardando-a-supervisao{background:#e0e8f9;color:#2d3a8c}
td.protocols{font-family:ui-monospace,monospace;font-size:12px}.empty{padding:16px;background:#fff;text-align:center;color:#616e7c}
`;

const stateClass = (state: string) => `s-${state.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '-')}`;

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
}

export function renderPainel({ rows, agents, filter, readAt, totals }: PainelPage): string {
  const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const summary = ROW_STATES.map((s) => `<div><b>${totals[s] ?? 0}</b>${esc(s)}</div>`).join('');
  const body = rows.length
    ? `<table><thead><tr><th>Cliente</th><th>Implantador</th><th>Semana</th><th>Próximo contato</th><th>Estado</th><th>Protocolos</th></tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr data-state="${esc(r.state)}"><td>${esc(r.customer)}<br><small>${esc(r.customerCode)}</small></td><td>${esc(r.implanter)}<br><small>${esc(r.implanterLogin)}</small></td><td>${r.week}ª</td><td>${esc(r.nextContact ?? '—')}</td><td><span class="state ${stateClass(r.state)}">${esc(r.state)}</span><br><small>${esc(r.detail)}</small></td><td class="protocols">${r.protocols.map(esc).join('<br>')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="empty">Nenhum monitoramento com esses filtros.</p>';
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Painel da supervisão — karoo-bot</title><style>${STYLE}</style></head>
<body><header><h1>Painel da supervisão</h1><p>Monitoramento pós-implantação (2266) — dados de ${esc(readAt)}</p></header>
<main><section id="monitoramentos"><h2>Monitoramentos</h2>
<div class="summary">${summary}</div>
<form method="get" action="/painel">
<label>Implantador<select name="agente">${option('', 'todos', !filter.agent)}${agents.map((a) => option(a.login, a.name, filter.agent === a.login)).join('')}</select></label>
<label>Estado<select name="estado">${option('', 'todos', !filter.state)}${ROW_STATES.map((s) => option(s, s, filter.state === s)).join('')}</select></label>
<button type="submit">Filtrar</button>
<a class="csv" href="/painel/monitoramentos.csv${esc(query(filter))}">Exportar CSV</a>
</form>
${body}
</section></main></body></html>`;
}
