/** What the supervisors' pages share: HTML escaping (every value is hostile) and the style sheet. Pure. */

export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export const STYLE = `
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
td.protocols{font-family:ui-monospace,monospace;font-size:12px}section{margin-bottom:28px}tfoot th,tfoot td{background:#f0f4f8;font-weight:600}.chart{background:#fff;margin-top:12px;padding:12px;display:inline-block;box-shadow:0 1px 2px #0001}.empty{padding:16px;background:#fff;text-align:center;color:#616e7c}
.flag{border-radius:10px;padding:1px 8px;white-space:nowrap;font-size:12px;background:#fde2e1;color:#a61b1b}p.note{font-size:13px;color:#3e4c59;margin:8px 0}h3{font-size:15px;margin:16px 0 8px}
`;
