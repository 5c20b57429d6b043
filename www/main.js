// Placeholder demo of the core: loads the wasm package, reads the sample report (or the
// user's file) locally and lists what was recognised. Text from the file reaches the page
// only through textContent. The full interface (charts, scores, audit) builds on this.
import init, { parse, factsCsv } from './pkg/juesuan.js';

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function show(bytes, name) {
  const status = $('status');
  let report;
  try {
    report = parse(bytes);
  } catch (err) {
    status.textContent = `无法读取 ${name}：${err.message}`;
    status.className = 'error';
    return;
  }
  status.className = '';
  status.textContent = `已读取 ${name} · read ${name}`;

  const dl = $('summary-list');
  dl.replaceChildren();
  const t01 = report.tables.find((t) => t.id === '01');
  const v01 = (row) => t01?.rows.find((r) => r.name === row)?.cells[0]?.value;
  const items = [
    ['部门 Department', report.department ?? '?'],
    ['年度 Year', report.year ?? '?'],
    ['收入总计 Total income', v01('收入总计') ? `${v01('收入总计')} ${t01.unit}` : '—'],
    ['本年支出合计 Expenditure', v01('本年支出合计') ? `${v01('本年支出合计')} ${t01.unit}` : '—'],
    ['决算表 Tables', report.tables.map((t) => t.id).join(' ')],
    ['绩效自评表 Performance tables', String(report.performance.length)],
  ];
  for (const [k, v] of items) {
    dl.append(el('dt', k), el('dd', String(v)));
  }
  $('summary').hidden = false;

  const list = $('table-list');
  list.replaceChildren();
  for (const t of report.tables) {
    const d = el('details');
    d.append(el('summary', `${t.id} ${t.title}（${t.unit}）`));
    const table = el('table');
    const head = el('tr');
    head.append(el('th', '编码'), el('th', '项目'), ...t.columns.map((c) => el('th', c)));
    table.append(head);
    for (const r of t.rows) {
      const tr = el('tr');
      tr.append(el('td', r.code?.code ?? ''), el('td', r.name));
      for (const c of t.columns) {
        tr.append(el('td', r.cells.find((x) => x.column === c)?.value ?? '', 'num'));
      }
      table.append(tr);
    }
    d.append(table);
    list.append(d);
  }
  $('tables').hidden = false;

  const ul = $('diagnostic-list');
  ul.replaceChildren(...report.diagnostics.map((x) => el('li', `${x.severity}: ${x.message_zh} (${x.message_en})`)));
  $('diagnostics').hidden = report.diagnostics.length === 0;

  const a = $('download');
  if (a.href) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([factsCsv(bytes)], { type: 'text/csv' }));
  a.hidden = false;
}

await init();
$('file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (f) show(new Uint8Array(await f.arrayBuffer()), f.name);
});
const sample = await fetch('samples/ningxia_hrss_2023.txt');
show(new Uint8Array(await sample.arrayBuffer()), 'ningxia_hrss_2023.txt');
