/** The simulator page (plain HTML + a little JavaScript; Portuguese labels). */
export const SIMULATOR_PAGE = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>karoo-bot · simulador</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2433; }
  header { display: flex; gap: 12px; align-items: center; padding: 10px 16px; background: #1d3557; color: #fff; flex-wrap: wrap; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; }
  header button { background: #fff; color: #1d3557; border: 0; border-radius: 4px; padding: 5px 9px; cursor: pointer; }
  header a { color: #cfe0ff; margin-left: auto; }
  #clock { font-weight: 600; }
  #clock-note { flex-basis: 100%; font-size: 13px; color: #ffe8a3; min-height: 1em; }
  header button#reset { background: #fde2e1; color: #9b1c1c; }
  main { display: grid; grid-template-columns: repeat(4, minmax(220px, 1fr)); gap: 10px; padding: 10px; }
  section { background: #fff; border-radius: 6px; display: flex; flex-direction: column; height: 440px; box-shadow: 0 1px 2px #0002; }
  section h2 { font-size: 13px; margin: 0; padding: 8px 10px; border-bottom: 1px solid #e3e6ea; }
  .log { flex: 1; overflow-y: auto; padding: 8px; display: flex; flex-direction: column; gap: 6px; }
  .msg { padding: 6px 8px; border-radius: 6px; white-space: pre-wrap; max-width: 92%; }
  .you { align-self: flex-end; background: #d8ecff; }
  .bot { align-self: flex-start; background: #eef0f3; }
  .close { align-self: center; font-style: italic; color: #6b7280; }
  .karoo { align-self: center; font-size: 12px; color: #9a3412; background: #fff7ed; }
  .tag { display: inline-block; font-size: 11px; background: #dbeafe; color: #1e3a8a; border-radius: 3px; padding: 0 4px; margin-bottom: 2px; }
  .msg button { font-size: 11px; margin-top: 3px; }
  form { display: flex; gap: 4px; padding: 8px; border-top: 1px solid #e3e6ea; flex-wrap: wrap; }
  form input[type=text] { flex: 1; padding: 6px; border: 1px solid #c9ced6; border-radius: 4px; min-width: 0; }
  form button { padding: 6px 10px; }
  form label { font-size: 12px; color: #4b5563; width: 100%; }
  #tickets { padding: 0 10px 16px; }
  table { width: 100%; border-collapse: collapse; background: #fff; font-size: 13px; }
  th, td { text-align: left; padding: 6px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
  td pre { margin: 0; white-space: pre-wrap; font: 12px/1.35 ui-monospace, monospace; }
  #staff { margin: 0 10px 10px; background: #fff; border-radius: 6px; box-shadow: 0 1px 2px #0002; }
  #staff h2 { font-size: 13px; margin: 0; padding: 8px 10px; border-bottom: 1px solid #e3e6ea; }
  #staff .log { max-height: 320px; }
  #staff .msg { max-width: 100%; align-self: stretch; background: #f6f3ff; }
  #staff .meta { font-size: 12px; color: #4b5563; margin-bottom: 2px; }
  #staff .empty { color: #6b7280; font-style: italic; }
  @media (max-width: 1100px) { main { grid-template-columns: repeat(2, 1fr); } }
</style>
</head>
<body>
<header>
  <h1>karoo-bot · simulador</h1>
  <span>Relógio do bot: <span id="clock">…</span></span>
  <button data-clock="advance" data-minutes="30">+30 min</button>
  <button data-clock="advance" data-minutes="1440">+1 dia</button>
  <button data-clock="advance" data-minutes="10080">+7 dias</button>
  <button data-clock="saturday" data-time="10:00">sábado 10:00</button>
  <button data-clock="saturday" data-time="17:30">sábado 17:30</button>
  <button data-clock="holiday">próximo feriado</button>
  <button id="next-event" title="pula para o próximo agendamento do bot e o dispara">Próximo evento</button>
  <button id="reset" title="apaga tudo o que foi simulado e volta o relógio ao início">Reiniciar</button>
  <a href="/admin/queues" target="_blank">filas (bull-board)</a>
  <span id="clock-note" role="status"></span>
</header>
<details id="como-jogar"><summary>Como usar o simulador</summary>
<p><b>Monitoramento (2266):</b> no chat do agente, escreva “finalizei a implantação do cliente 123”, responda o parecer e o RSP; o bot abre o RSP e o 2266 (veja em “Atendimentos no Bimer”). Avance “+7 dias”: o cliente recebe o acompanhamento; responda no chat dele (“tudo certo” ou um problema), ou avance “+1 dia” sem responder e o bot pergunta ao agente se houve contato. Repita por três semanas até o 2266 ir para a supervisão.</p>
<p><b>Plantão:</b> clique “sábado 10:00” (o relógio mostra “plantão ativo”) e escreva como cliente, parceiro ou cliente de revenda; use “+30 min” para ver os lembretes, “tudo ok” para o bot encerrar, “sábado 17:30” para o aviso de fim do plantão; marque “escrever como técnico” para #externo ou #pendente.</p>
<p><b>Relógio:</b> os botões avançam o relógio do bot e disparam o que estiver agendado. “Próximo evento” pula direto para o próximo agendamento do bot (acompanhamento semanal, lembrete ao agente, verificação de um chat do plantão, aviso de fim do plantão, relatório para a qualidade…), o dispara e diz ao lado do relógio o que foi, ou “Nenhum evento agendado”.</p>
<p><b>Mensagens para a equipe:</b> abaixo dos chats aparecem as mensagens que o bot envia a quem não tem chat nesta página — a dica de hardware ao técnico, o aviso à revenda, o vendedor, a supervisão e o relatório do plantão —, cada uma com o destinatário, o horário pelo relógio do bot e o texto.</p>
<p><b>Recomeçar:</b> “Reiniciar” (pede confirmação) apaga tudo o que foi simulado — chats, atendimentos no Bimer, monitoramentos, agendamentos e filas — e volta o relógio ao início, sem reiniciar o bot; a página recarrega limpa.</p>
<p><b>Assistente:</b> pergunte qualquer dúvida da rotina no chat do agente; o que ele não souber aparece em <a href="/painel#perguntas" target="_blank">/painel</a> para a supervisão ensinar.</p>
</details>
<main>
  <section data-pane="agent"><h2>Agente ↔ bot (João Silva, implantação)</h2><div class="log"></div>
    <form><input type="text" placeholder="ex.: finalizei a implantação do cliente 123" aria-label="mensagem do agente"><button>Enviar</button></form></section>
  <section data-pane="customer"><h2>Cliente de implantação (Padaria Pão Quente)</h2><div class="log"></div>
    <form><input type="text" placeholder="mensagem do cliente" aria-label="mensagem do cliente"><button>Enviar</button>
    <label><input type="checkbox" name="asAgent"> escrever como técnico</label></form></section>
  <section data-pane="partner"><h2>Partner (Rafael, revenda)</h2><div class="log"></div>
    <form><input type="text" placeholder="mensagem do parceiro" aria-label="mensagem do parceiro"><button>Enviar</button>
    <label><input type="checkbox" name="asAgent"> escrever como técnico (#externo, #pendente …)</label></form></section>
  <section data-pane="reseller"><h2>Cliente de revenda (Mercado Bom Preço)</h2><div class="log"></div>
    <form><input type="text" placeholder="mensagem do cliente da revenda" aria-label="mensagem do cliente da revenda"><button>Enviar</button></form></section>
</main>
<div id="staff"><h2>Mensagens para a equipe (técnico, revenda, vendedor, supervisão, qualidade)</h2><div class="log"></div></div>
<div id="tickets"><h2>Atendimentos no Bimer</h2>
  <table><thead><tr><th>Protocolo</th><th>Tipo</th><th>Assunto</th><th>Texto</th><th>Delegações</th></tr></thead><tbody></tbody></table></div>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
async function refresh() {
  const state = await (await fetch('/sandbox/api/state')).json();
  document.getElementById('clock').textContent = state.nowText + (state.businessTime ? ' (horário comercial)' : state.plantao ? ' (plantão ativo)' : ' (fora do horário, sem plantão)');
  for (const [pane, msgs] of Object.entries(state.panes)) {
    const log = document.querySelector('section[data-pane="' + pane + '"] .log');
    const html = msgs.map((m) => {
      const cls = m.kind === 'close' ? 'close' : m.from;
      const head = m.template ? '<span class="tag">modelo do WhatsApp: ' + esc(m.template) + '</span><br>' : '';
      const text = m.kind === 'close' ? 'chat encerrado: ' + m.text : m.kind === 'refused' ? 'Karoo recusou (' + m.code + '): ' + m.text : m.text;
      const status = m.status ? ' <span class="tag">' + esc(({ sent: 'enviada', delivered: 'entregue', read: 'lida', failed: 'não entregue' })[m.status] || m.status) + '</span>' : '';
      const fail = m.messageId && m.from === 'bot' && pane !== 'agent' && !m.status ? '<br><button data-fail="' + esc(m.messageId) + '" data-pane="' + esc(pane) + '">marcar como não entregue</button>' : '';
      return '<div class="msg ' + cls + '">' + head + esc(text) + status + fail + '</div>';
    }).join('');
    if (log.dataset.html !== html) { log.innerHTML = html; log.dataset.html = html; log.scrollTop = log.scrollHeight; }
  }
  const staffLog = document.querySelector('#staff .log');
  const staffHtml = state.staff.length === 0 ? '<div class="empty">Nenhuma mensagem para a equipe ainda.</div>' : state.staff.map((m) => {
    const meta = 'Para ' + esc(m.to) + (m.department ? ' · departamento ' + esc(m.department) : '') + ' · ' + esc(m.atText);
    const head = m.template ? '<span class="tag">modelo do WhatsApp: ' + esc(m.template) + '</span><br>' : '';
    const refused = m.refused ? '<span class="tag">Karoo recusou (' + esc(m.refused) + ')</span><br>' : '';
    return '<div class="msg"><div class="meta">' + meta + '</div>' + refused + head + esc(m.text) + '</div>';
  }).join('');
  if (staffLog.dataset.html !== staffHtml) { staffLog.innerHTML = staffHtml; staffLog.dataset.html = staffHtml; staffLog.scrollTop = staffLog.scrollHeight; }
  document.querySelector('#tickets tbody').innerHTML = state.tickets.map((t) => '<tr><td>' + esc(t.protocolo) + '</td><td>' + esc(t.tipo) + '</td><td>' + esc(t.assunto) + '</td><td><pre>' + esc(t.texto) + '</pre></td><td>' + t.delegacoes.map(esc).join('<br>') + '</td></tr>').join('');
}
for (const section of document.querySelectorAll('section[data-pane]')) {
  section.querySelector('form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = section.querySelector('input[type=text]');
    const asAgent = section.querySelector('input[name=asAgent]')?.checked ?? false;
    if (!input.value.trim()) return;
    await fetch('/sandbox/api/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pane: section.dataset.pane, text: input.value, asAgent }) });
    input.value = '';
    refresh();
  });
}
document.addEventListener('click', async (e) => {
  const button = e.target.closest('button[data-fail]');
  if (!button) return;
  await fetch('/sandbox/api/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pane: button.dataset.pane, messageId: button.dataset.fail, state: 'failed', code: 'not_on_whatsapp' }) });
  refresh();
});
for (const button of document.querySelectorAll('[data-clock]')) {
  button.addEventListener('click', async () => {
    await fetch('/sandbox/api/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: button.dataset.clock, minutes: Number(button.dataset.minutes || 0), time: button.dataset.time }) });
    note('');
    refresh();
  });
}
const note = (text) => { document.getElementById('clock-note').textContent = text; };
document.getElementById('next-event').addEventListener('click', async () => {
  const res = await fetch('/sandbox/api/clock/next', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  note(res.ok ? (await res.json()).message : 'Não foi possível avançar o relógio agora.');
  refresh();
});
document.getElementById('reset').addEventListener('click', async () => {
  if (!confirm('Reiniciar o simulador? Tudo o que foi simulado (chats, atendimentos no Bimer, monitoramentos, agendamentos e filas) será apagado e o relógio voltará ao início.')) return;
  note('Reiniciando…');
  const res = await fetch('/sandbox/api/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (res.ok) location.reload();
  else note('O bot ainda está trabalhando em algo; nada foi apagado. Tente de novo em alguns segundos.');
});
refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>
`;
