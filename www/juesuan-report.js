// <juesuan-report>: the whole reader as one custom element, for this site and for any
// portal page (one ES module import). Parsing runs in a Web Worker (worker.js); charts
// are drawn by the wasm core through plotters on <canvas>. Text from the report reaches
// the DOM only through textContent and attributes, never as HTML.
//
//   <script type="module" src="juesuan-report.js"></script>
//   <juesuan-report src="report.pdf" lang="zh" charts="function,sangong" theme="light"></juesuan-report>
//
// Attributes: src (a report on the same site), compare-src (a second report to compare it
// with), lang (zh | en), sections (comma-separated parts, default all), charts
// (comma-separated kinds, default all), theme (light | dark), compact (a sidebar's height),
// hash (the view kept in the URL hash), timeout (seconds). Methods: load(File | ArrayBuffer
// | Uint8Array | string of report text), compareWith(the same: a second report, a budget
// with its final accounts or the year before). Events: juesuan-ready, juesuan-error,
// juesuan-compared. data-state: loading | ready | error | cancelled. Sizes are in em of
// the element's own base (16 px or --juesuan-font-size), whatever the host's.
import init, { drawChart, chartSvg } from './pkg/juesuan.js';

const KINDS = ['function', 'basic-project', 'income', 'economic', 'sangong', 'execution', 'performance'];
/** The parts of the element, in order (the `sections` attribute chooses among them). */
const SECTIONS = ['summary', 'charts', 'compare', 'performance', 'audit', 'tables', 'narrative', 'downloads'];
/** The width charts are drawn at for print (CSS px: A4 less its margins). */
const PRINT_WIDTH = 680;
/** The wasm module, compiled once for this page and shared with every worker. */
const compiled = (async () => {
  const res = await fetch(new URL('./pkg/juesuan_bg.wasm', import.meta.url));
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}: ${res.url}`);
  // streaming needs the application/wasm type, which not every host sends
  if ((res.headers.get('content-type') || '').startsWith('application/wasm')) return WebAssembly.compileStreaming(res);
  return WebAssembly.compile(await res.arrayBuffer());
})();
const wasmReady = compiled.then((module) => init({ module_or_path: module }));
// ms since navigation start when the module was instantiated on this thread
let wasmReadyAt = null;
wasmReady.then(() => { wasmReadyAt = performance.now(); }, () => {});

/** A size in MB, one decimal. */
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;

const STRINGS = {
  zh: {
    loading: '正在读取…', pages: (d, t) => `正在读取 PDF：第 ${d} / ${t} 页`, failed: '无法读取此文件：',
    workerFailed: '解析进程出错：', summary: '概要', charts: '图表', performance: '绩效', audit: '审核',
    tables: '九张表', narrative: '情况说明', downloads: '下载', department: '部门', year: '年度', unit: '金额单位',
    source: '来源文件', format: (s) => s.format === 'pdf' ? `PDF，${s.pages} 页` : `文本（${s.encoding}），${s.lines} 行`,
    back: '返回上一级', png: 'PNG', svg: 'SVG', dataTable: '数据表（图表的文字版）', item: '项目', code: '编码',
    drill: '展开', noData: '本文件无此项数据', csv: '数据 CSV（与命令行导出一致）', json: '完整报告 JSON',
    projects: '全部项目', project: '项目名称', funds: '全年预算数', spent: '全年执行数', rate: '执行率', total: '总分',
    grade: '等级', grades: ['优', '良', '中', '差'], indicators: '指标', level1: '一级指标', level2: '二级指标',
    name: '三级指标', target: '年度指标值', actual: '实际完成值', weight: '分值', score: '得分', deduction: '扣分',
    deviation: '偏差原因分析及改进措施', implementer: '实施单位', goalExpected: '预期目标', goalActual: '实际完成情况',
    fundsBlock: '项目资金', fundRow: '资金', initial: '年初预算数', budget: '预算数', direction: '指标性质', measure: '计量单位',
    goalTarget: '年度目标', indicatorCount: '指标数',
    kinds: { 'self-evaluation': '项目支出绩效自评表', 'department-self-evaluation': '部门整体绩效自评表', 'project-target': '项目支出绩效目标表', 'department-target': '部门整体绩效目标表' }, sortBy: '排序', findings: (e, w, i, n) =>
      `共核对 ${n} 项：错误 ${e} 项，警告 ${w} 项，提示 ${i} 项`, severity: { error: '错误', warning: '警告', info: '提示' },
    cells: '涉及单元格', sentence: '涉及语句', expected: '应为', actualV: '实为', difference: '相差', missing: '未找到此表',
    empty: '本表无数据', table: (id) => `公开${id}表`, goCell: '在表中查看', line: (a) => a.page ? `第 ${a.page} 页第 ${a.line} 行` : `第 ${a.line} 行`,
    diagnostics: '识别提示', noFindings: '未发现问题', omitted: (rule, n, o) => `${rule} 共 ${n} 项，另有 ${o} 项未列出`, side: { income: '收入', expenditure: '支出' },
    totals: { '本年收入合计': '本年收入合计', '收入总计': '收入总计', '本年支出合计': '本年支出合计', '支出总计': '支出总计' },
    colon: '：', confidence: '读数可信度', confidenceTable: '表', allTables: '合计', readsWhat: '各类读法的含义', reads: { grid: '表格线', columns: '按列', placed: '恒等式定位', uncertain: '不确定' },
    readsHelp: {
      grid: '取自 PDF 表格线围成的单元格：列是确定的', columns: '按表头与数字的列位置放入列中',
      placed: '空白单元格没有留下痕迹，由这一行应满足的恒等式放入列中', uncertain: '没有唯一满足恒等式的放法，按印刷顺序放置：可能放错列',
    },
    uncertainCell: '可能放错列：这一行的数字无法由恒等式唯一确定', uncertainNote: (n) => `有 ${n} 个数字可能放错列，在九张表中以“?”标出`,
    cancel: '取消', cancelled: '已取消读取。', internal: '无法读取此文件（内部错误）',
    tooLarge: (size, max) => `文件过大：${mb(size)}，上限为 ${mb(max)}；未读取。`,
    timeout: (s) => `读取超过 ${s} 秒，已停止：文件可能过大或过于复杂。`,
    pager: '分页', prevPage: '上一页', nextPage: '下一页', pageOf: (input, n) => ['第 ', input, ` / ${n} 页`],
    pageNumber: '页码', range: (a, b, n) => `第 ${a}–${b} 项，共 ${n} 项`,
    cellsOmitted: (n) => `另有 ${n} 个单元格未列出（完整列表见 JSON 导出）`,
    reading: (n) => `可能是识别问题（${n}）`, readingHelp: '这些发现涉及读数不确定的单元格：可能是本工具读错了列，而不是文件本身的错误。请对照原文核实。',
    readingCount: (n) => `另有 ${n} 项可能是识别问题`, blank: '空白', ruleFormula: '规则与算式', consequences: '由此造成',
    printedV: '报告写', uncertainCells: '以“?”标出的单元格读数不确定：它们可能放错了列', showSentence: '在情况说明中查看',
    answers: '一览', levels: '图表层级', top: '全部', levelTotal: (v, n) => `本级合计 ${v}，共 ${n} 项`, share: '占比', amount: '金额',
    treemap: '矩形树图', bars: '条形图', viewAs: '显示方式', chartCsv: 'CSV', chartKeys: '方向键选择项目，回车展开，Esc 或退格返回上一级',
    announceLevel: (name, total, n) => `${name}：${n} 项${total ? `，合计 ${total}` : ''}`, announceItem: (name, amount, share, i, n) =>
      `${name}，${amount}${share ? `，占 ${share}` : ''}（第 ${i} / ${n} 项）`, id: '编号', keptReport: (name, why) => `${name}：${why}仍显示之前的报告。`,
    showSection: '查看', sideHead: '收支', contents: '报告各部分', exactFigures: '准确数字', skip: '跳到报告内容', openTables: '展开九张表', openNarrative: '展开情况说明',
  },
  en: {
    loading: 'Reading…', pages: (d, t) => `Reading the PDF: page ${d} of ${t}`, failed: 'Cannot read this file: ',
    workerFailed: 'The parser failed: ', summary: 'Summary', charts: 'Charts', performance: 'Performance', audit: 'Audit',
    tables: 'The nine tables', narrative: 'Narrative', downloads: 'Downloads', department: 'Department', year: 'Year',
    unit: 'Amounts in', source: 'Source file', format: (s) => s.format === 'pdf' ? `PDF, ${s.pages} pages` : `text (${s.encoding}), ${s.lines} lines`,
    back: 'Up one level', png: 'PNG', svg: 'SVG', dataTable: 'Data table (text version of the chart)', item: 'Item', code: 'Code',
    drill: 'Open', noData: 'No data in this document', csv: 'Facts CSV (same as the command line)', json: 'Full report JSON',
    projects: 'All projects', project: 'Project', funds: 'Full-year budget', spent: 'Spent', rate: 'Execution rate', total: 'Score',
    grade: 'Grade', grades: ['Excellent', 'Good', 'Fair', 'Poor'], indicators: 'Indicators', level1: 'Level 1', level2: 'Level 2',
    name: 'Indicator', target: 'Target', actual: 'Achieved', weight: 'Weight', score: 'Score', deduction: 'Deducted',
    deviation: 'Reason for deviation', implementer: 'Implementer', goalExpected: 'Expected goal', goalActual: 'Achieved',
    fundsBlock: 'Funds', fundRow: 'Funds', initial: 'Initial budget', budget: 'Budget', direction: 'Direction', measure: 'Unit',
    goalTarget: 'Goal for the year', indicatorCount: 'Indicators',
    kinds: { 'self-evaluation': 'Project self-evaluations', 'department-self-evaluation': 'Department self-evaluations', 'project-target': 'Project performance targets', 'department-target': 'Department performance targets' }, sortBy: 'Sort', findings: (e, w, i, n) =>
      `${n} checks: ${e} errors, ${w} warnings, ${i} notes`, severity: { error: 'Errors', warning: 'Warnings', info: 'Notes' },
    cells: 'Cells', sentence: 'Sentence', expected: 'expected', actualV: 'actual', difference: 'difference', missing: 'Table not found',
    empty: 'No data in this table', table: (id) => `Table ${id}`, goCell: 'Show in table', line: (a) => a.page ? `page ${a.page}, line ${a.line}` : `line ${a.line}`,
    diagnostics: 'Reading notes', noFindings: 'No findings', omitted: (rule, n, o) => `${rule}: ${n} findings, ${o} not listed`, side: { income: 'income', expenditure: 'expenditure' },
    totals: { '本年收入合计': 'Income this year', '收入总计': 'Total income', '本年支出合计': 'Expenditure this year', '支出总计': 'Total expenditure' },
    colon: ': ', confidence: 'Reading confidence', confidenceTable: 'Table', allTables: 'All', readsWhat: 'What these mean', reads: { grid: 'grid', columns: 'columns', placed: 'placed', uncertain: 'uncertain' },
    readsHelp: {
      grid: 'from a cell ruled by the PDF\'s table lines: the column is certain', columns: 'put in its column by the header and number positions',
      placed: 'blank cells left no trace: put in its column by the identities the row must satisfy',
      uncertain: 'the identities fix no single placement: placed in printed order, may be in the wrong column',
    },
    uncertainCell: 'may be in the wrong column: the identities do not fix this row\'s numbers',
    uncertainNote: (n) => `${n} ${n === 1 ? 'number' : 'numbers'} may be in the wrong column, marked “?” in the nine tables`,
    cancel: 'Cancel', cancelled: 'Reading cancelled.', internal: 'The file could not be read (internal error)',
    tooLarge: (size, max) => `The file is too large: ${mb(size)}, the limit is ${mb(max)}; it was not read.`,
    timeout: (s) => `Reading took longer than ${s} s and was stopped: the file may be too large or too complex.`,
    pager: 'Pages', prevPage: 'Previous', nextPage: 'Next', pageOf: (input, n) => ['Page ', input, ` of ${n}`],
    pageNumber: 'Page number', range: (a, b, n) => `${a}–${b} of ${n}`,
    cellsOmitted: (n) => `${n} more cells not listed (the JSON export has them all)`,
    reading: (n) => `Possibly reading problems (${n})`, readingHelp: 'These findings involve cells read with uncertainty: juesuan may have put a number in the wrong column; they are not necessarily the document\'s errors. Check them against the original.',
    readingCount: (n) => `${n} more may be reading problems`, blank: 'blank', ruleFormula: 'Rule and formula', consequences: 'What it breaks',
    printedV: 'printed', uncertainCells: 'The cells marked “?” were read with uncertainty: they may be in the wrong column', showSentence: 'Show in the narrative',
    answers: 'At a glance', levels: 'Chart levels', top: 'All', levelTotal: (v, n) => `Total of this level ${v}, ${n} ${n === 1 ? 'item' : 'items'}`, share: 'Share', amount: 'Amount',
    treemap: 'Treemap', bars: 'Bars', viewAs: 'View as', chartCsv: 'CSV', chartKeys: 'Arrow keys choose an item, Enter opens it, Escape or Backspace goes up one level',
    announceLevel: (name, total, n) => `${name}: ${n} ${n === 1 ? 'item' : 'items'}${total ? `, total ${total}` : ''}`, announceItem: (name, amount, share, i, n) =>
      `${name}, ${amount}${share ? `, ${share} of the total` : ''} (${i} of ${n})`, id: 'ID', keptReport: (name, why) => `${name}: ${why} The report shown before is kept.`,
    showSection: 'Show', sideHead: 'Side', contents: 'Parts of the report', exactFigures: 'Exact figures', skip: 'Skip to the report', openTables: 'Show the nine tables', openNarrative: 'Show the narrative',
  },
};

/** The comparison's words (a part of its own: the element shows it only with a second
 *  report). */
const COMPARE_STRINGS = {
  zh: {
    compare: '对比', comparing: '正在读取对比文件…',
    relation: { 'plan-actual': '预算与同年度决算：逐类比较预算数与决算数，并核对决算说明所写的年初预算',
      'year-on-year': '相邻两个年度：逐类比较变化，并用上年报告核对本年报告所写的“比上年增加/减少”',
      other: '逐类比较' },
    a: 'A', b: 'B', difference: '差额（B − A）', rate: { 'plan-actual': '执行率', 'year-on-year': '变化率', other: '变化率' },
    checks: (n, f, e) => `交叉核对 ${n} 项：发现 ${f} 项，其中错误 ${e} 项`, inDoc: (d) => `文件 ${d.toUpperCase()}：`,
    lines: '逐项数字', clear: '关闭对比',
  },
  en: {
    compare: 'Comparison', comparing: 'Reading the report to compare…',
    relation: { 'plan-actual': 'The budget and the final accounts of one year: budget and actual per class, and the initial budgets the final accounts state checked against the budget',
      'year-on-year': 'Two consecutive years: the change per class, and every "up/down on last year" of the later report checked against the earlier report',
      other: 'Compared per class' },
    a: 'A', b: 'B', difference: 'Difference (B − A)', rate: { 'plan-actual': 'Execution rate', 'year-on-year': 'Change', other: 'Change' },
    checks: (n, f, e) => `${n} cross-checks: ${f} findings, ${e} errors`, inDoc: (d) => `document ${d.toUpperCase()}: `,
    lines: 'Figures per line', clear: 'Close the comparison',
  },
};

/** English names of the standard parts of the forms (column heads, fund rows, the nine
 *  tables): what is not here is shown as printed, marked `lang="zh"`. */
const COLUMNS_EN = {
  决算数: 'Actual', 预算数: 'Budget', 合计: 'Total', 小计: 'Subtotal', 金额: 'Amount', 本年收入合计: 'Income this year',
  财政拨款收入: 'Appropriations', 上级补助收入: 'Grants from the higher level', 事业收入: 'Service income', 教育收费: 'Education fees',
  经营收入: 'Business income', 附属单位上缴收入: 'Remitted by affiliated units', 其他收入: 'Other income', 本年支出合计: 'Expenditure this year',
  基本支出: 'Basic expenditure', 项目支出: 'Project expenditure', 上缴上级支出: 'Remitted to the higher level', 经营支出: 'Business expenditure',
  对附属单位补助支出: 'Grants to affiliated units', 一般公共预算财政拨款: 'General public budget appropriations',
  政府性基金预算财政拨款: 'Government fund appropriations', 国有资本经营预算财政拨款: 'State capital operation appropriations',
  年初结转和结余: 'Carried over from last year', 本年收入: 'Income this year', 本年支出: 'Expenditure this year',
  年末结转和结余: 'Carried over to next year', 人员经费: 'Personnel', 公用经费: 'Operating costs',
  年初预算数: 'Initial budget', 全年预算数: 'Full-year budget', 全年执行数: 'Spent', 分值: 'Weight', 执行率: 'Execution rate', 得分: 'Score',
  年度资金总额: 'Total funds of the year', 当年财政拨款: 'Appropriations of the year', 上年结转资金: 'Carried over from last year', 其他资金: 'Other funds',
  总分: 'Total score', 元: 'yuan', 万元: '10,000 yuan', 亿元: '100 million yuan',
};
const TABLES_EN = {
  '01': 'Income and expenditure summary', '02': 'Income', '03': 'Expenditure', '04': 'Appropriations: income and expenditure summary',
  '05': 'General public budget appropriations: expenditure', '06': 'General public budget appropriations: basic expenditure',
  '07': 'Appropriations: the “three public” costs', '08': 'Government fund appropriations: income and expenditure',
  '09': 'State capital operation appropriations: expenditure',
};

/** How a core error reads in one language: the core words it `中文（English）`. */
export function localMessage(message, lang) {
  const m = /^([\s\S]*?)（([^（）]*)）$/.exec(String(message));
  if (!m || !/[\u2E80-\u9FFF]/.test(m[1])) return String(message);
  return lang === 'en' ? m[2] : m[1];
}

/** How a cell of the nine tables was read (model `Read`), in the order of certainty. */
const READS = ['grid', 'columns', 'placed', 'uncertain'];

// ---- small DOM and number helpers (text only, never HTML) ----

/** The most characters of one text shown: longer text (a finding's message that lists a
 *  100,000-row table, a line of megabytes) is cut with "…" — laying out megabytes of text
 *  would hold the page for minutes; the exports keep it whole. */
const MAX_TEXT = 2000;
const clip = (v) => { const s = String(v); return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s; };

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = clip(v);
    else if (k === 'class') e.className = v;
    else if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined && c !== null && c !== false) e.append(c);
  return e;
}

/** An amount as printed, with thousands separators (a string in, a string out: no floats). */
export function groupDigits(s) {
  if (s === null || s === undefined) return '';
  const [int, frac] = String(s).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/** Exact a − b of two decimal strings. */
function decSub(a, b) {
  const scale = Math.max((a.split('.')[1] || '').length, (b.split('.')[1] || '').length);
  const big = (s) => {
    const [i, f = ''] = s.split('.');
    return BigInt(i + f.padEnd(scale, '0'));
  };
  let d = big(a) - big(b);
  const neg = d < 0n;
  if (neg) d = -d;
  let s = d.toString().padStart(scale + 1, '0');
  if (scale) s = s.slice(0, -scale) + '.' + s.slice(-scale);
  return (neg ? '-' : '') + s;
}

/** Compares decimal strings numerically (exactly). */
function decCmp(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return -1;
  if (b === null || b === undefined || b === '') return 1;
  const d = decSub(a, b);
  return d.startsWith('-') ? -1 : /[1-9]/.test(d) ? 1 : 0;
}

function grade(total, t) {
  if (!total) return '—';
  const s = total[1];
  if (decCmp(s, '90') >= 0) return t.grades[0];
  if (decCmp(s, '80') >= 0) return t.grades[1];
  if (decCmp(s, '60') >= 0) return t.grades[2];
  return t.grades[3];
}

/** Document content (names as printed): always marked Chinese, so that it is read as such
 *  in the English page too. */
const doc = (text, tag = 'span', props = {}) => el(tag, { ...props, lang: 'zh', text });

/** A standard name of the forms in the reader's language: its English where known, else
 *  as printed, marked `lang="zh"`. */
const std = (name, en) => (en && COLUMNS_EN[name] ? COLUMNS_EN[name] : doc(name));
const stdText = (name, en) => (en && COLUMNS_EN[name] ? COLUMNS_EN[name] : name);

/** A unit or note in brackets: full-width in Chinese. */
const paren = (s, en) => (en ? ` (${s})` : `（${s}）`);

/** Text of the reader's language that quotes the document (a finding's message naming a
 *  row as printed): its Chinese runs marked `lang="zh"`, as nodes. In Chinese, the text. */
const CJK_RUN = /[\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF“”‘’]+(?:[ \d.,，、·%-]*[\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF“”‘’]+)*/g;
function mixed(text, en) {
  const s = clip(text ?? '');
  if (!en) return document.createTextNode(s);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const m of s.matchAll(CJK_RUN)) {
    if (m.index > at) frag.append(s.slice(at, m.index));
    frag.append(doc(m[0]));
    at = m.index + m[0].length;
  }
  if (at < s.length) frag.append(s.slice(at));
  return frag;
}

/** A row's printed name as its header cell; a row printed without a name has a plain cell
 *  (an empty header names nothing). */
const rowHead = (name) => (name ? el('th', { scope: 'row' }, doc(name)) : el('td'));

/** A share as shown: the core gives a percentage (a number or a decimal string). */
function formatShare(v) {
  const s = String(v);
  return s.endsWith('%') ? s : `${s}%`;
}

/** Exact a + b of two decimal strings. */
const decAdd = (a, b) => decSub(a, b.startsWith('-') ? b.slice(1) : `-${b}`);

/** A table whose header buttons sort its body rows (numeric columns exactly). `sort`
 *  keeps the order chosen across renders: `get()` the `[column, direction]` to start with,
 *  `set([column, direction])` on a click. */
function sortableTable(headers, rows, attrs, t, sort = { get: () => null, set: () => {} }) {
  const tbody = el('tbody');
  const state = { col: -1, dir: 1 };
  const apply = (k, dir) => {
    state.col = k;
    state.dir = dir;
    const h = headers[k];
    const sorted = [...rows].sort((x, y) => {
      const a = x.keys[k], b2 = y.keys[k];
      const c = h.numeric ? decCmp(a, b2) : String(a ?? '').localeCompare(String(b2 ?? ''), 'zh');
      return c * dir;
    });
    tbody.replaceChildren(...sorted.map((r) => r.tr));
    for (const th of ths) th.removeAttribute('aria-sort');
    ths[k].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  };
  const ths = headers.map((h, k) => {
    const label = typeof h.label === 'string' ? h.label : h.label.textContent;
    const b = el('button', { type: 'button', class: 'sort', title: `${t.sortBy}: ${label}` }, h.label);
    b.addEventListener('click', () => {
      apply(k, state.col === k ? -state.dir : 1);
      sort.set([k, state.dir]);
    });
    return el('th', { scope: 'col' }, b);
  });
  tbody.append(...rows.map((r) => r.tr));
  const start = sort.get();
  if (start && headers[start[0]]) apply(start[0], start[1] < 0 ? -1 : 1);
  return el('div', { class: 'scroll' }, el('table', attrs, el('thead', {}, el('tr', {}, ...ths)), tbody));
}

const cellKey = (table, row, column) => `${table}\u0000${row}\u0000${column}`;
const rowKey = (table, row) => `${table}\u0000${row}`;

/** Items per page of a long list (the nine tables' rows, findings, diagnostics), and of
 *  the cells one finding cites. */
const PAGE_SIZE = 100;
const FINDINGS_PAGE_SIZE = 50;
const CELLS_PAGE_SIZE = 20;

/** A long list shown one page at a time, so no list costs the page more than a page of
 *  elements whatever the document holds: `container` (a tbody, ul, …) gets the elements
 *  `make(item, index)` of the page shown; `nav` (null when everything fits one page) turns
 *  pages, `show(index)` turns to an item's page. Generic: used for the nine tables,
 *  the findings and the diagnostics. */
function pagedList(container, items, make, t, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  let page = -1;
  const nav = pages > 1 ? el('nav', { class: 'pager', 'aria-label': t.pager }) : null;
  const prev = el('button', { type: 'button', class: 'prev', text: `‹ ${t.prevPage}`, on: { click: () => turn(page - 1) } });
  const next = el('button', { type: 'button', class: 'next', text: `${t.nextPage} ›`, on: { click: () => turn(page + 1) } });
  const input = el('input', { type: 'number', min: 1, max: pages, 'aria-label': t.pageNumber, on: { change: () => turn(Number(input.value) - 1 || 0) } });
  const range = el('span', { class: 'range', 'aria-live': 'polite' });
  if (nav) nav.append(prev, el('label', {}, ...t.pageOf(input, pages)), next, range);
  function turn(p) {
    p = Math.min(pages - 1, Math.max(0, p));
    if (p === page) return;
    page = p;
    const from = p * size, to = Math.min(items.length, from + size);
    const made = [];
    for (let i = from; i < to; i++) made.push(make(items[i], i));
    container.replaceChildren(...made);
    if (!nav) return;
    prev.disabled = p === 0;
    next.disabled = p === pages - 1;
    input.value = String(p + 1);
    nav.dataset.page = String(p + 1);
    range.textContent = t.range(from + 1, to, items.length);
  }
  turn(0);
  return { nav, pages, show: (i) => turn(Math.floor(i / size)) };
}

/** Resolves in a later task: long work split with it leaves the page responsive between
 *  the parts, and lets the browser lay out and paint what is done (a timer: with
 *  `scheduler.yield` the layout of it all came at the end, in one task of 235 ms). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// ---- the worker: one per element, replaced to cancel, after a failure, after a large file ----

/** The largest input read: the core's `Limits::max_bytes` (src/error.rs). A larger file is
 *  refused by its size, before it is read. */
export const MAX_BYTES = 50 * 1024 * 1024;
/** A read that takes longer is stopped (seconds; the `timeout` attribute sets another). */
const TIME_BUDGET_S = 120;
/** A worker whose wasm memory grew past this is replaced once it has answered: wasm memory
 *  never shrinks, a fresh worker starts small and the old one's memory is returned. */
export const RECYCLE_BYTES = 64 * 1024 * 1024;

/** A read that did not end with a report, for a reason the page words itself (in the
 *  reader's language): `cancelled`, `timeout`, `internal` (a trap), `too-large`. */
class ReadError extends Error {
  constructor(kind, message, detail = {}) {
    super(message || kind);
    this.kind = kind;
    Object.assign(this, detail);
  }
}

/** One worker at a time; terminated and replaced to cancel a read, after a trap, and after
 *  a read that grew its memory past RECYCLE_BYTES. */
class Parser {
  constructor() {
    this.next = 1;
    this.generation = 0;
    // the workers replaced because they had grown: { generation, memory } each
    this.recycled = [];
    this.recycleBytes = RECYCLE_BYTES;
    this.start();
  }
  start() {
    this.generation++;
    this.dead = false;
    this.memory = 0;
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker = worker;
    this.pending = new Map();
    this.ready = new Promise((resolve, reject) => { this.resolveReady = resolve; this.rejectReady = reject; });
    this.ready.catch(() => {});
    // a message from a worker already replaced is ignored
    worker.onmessage = (e) => { if (this.worker === worker) this.message(e.data); };
    worker.onerror = (e) => { e.preventDefault(); if (this.worker === worker) this.fail(new Error(e.message || 'worker error')); };
    compiled.then((module) => worker.postMessage({ op: 'module', module }), (err) => this.fail(new Error(String(err.message || err))));
  }
  /** Resolves when a worker is ready; a worker that died is replaced first. */
  whenReady() {
    if (this.dead) this.start();
    return this.ready;
  }
  /** Whether a read or an export is running. */
  get busy() { return this.pending.size > 0; }
  message(m) {
    if (typeof m.memory === 'number') this.memory = m.memory;
    if (m.type === 'ready') { this.resolveReady(); return; }
    const p = m.id ? this.pending.get(m.id) : null;
    if (m.type === 'error' && !p) { this.fail(new Error(m.message)); return; }
    if (!p) return;
    if (m.type === 'progress') p.progress(m.done, m.total);
    else if (m.type === 'result') this.settle(m.id, p, m);
    else if (m.type === 'head') {
      // the rows of long tables follow in parts
      p.head = m;
      p.tables = new Map(m.result.report.tables.map((t) => [t.id, t]));
      p.parts = m.parts;
      if (!p.parts) this.settle(m.id, p, m);
    } else if (m.type === 'part') {
      const rows = p.tables.get(m.table).rows;
      for (const x of m.items) rows.push(x);
      if (--p.parts === 0) this.settle(m.id, p, p.head);
    } else if (m.type === 'error') {
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      p.reject(m.trap ? new ReadError('internal', m.message) : new Error(m.message));
      if (m.trap) this.replace(new ReadError('internal', m.message));
    }
  }
  settle(id, p, m) {
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(m);
    if (this.memory > this.recycleBytes && !this.busy) {
      this.recycled.push({ generation: this.generation, memory: this.memory });
      this.replace(new ReadError('cancelled'));
    }
  }
  /** Everything waiting fails with `err`; the worker is terminated. */
  stop(err) {
    for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(err); }
    this.pending.clear();
    this.rejectReady(err);
    this.worker.terminate();
  }
  /** The worker failed: everything waiting on it fails, and the next request starts a
   *  fresh worker. */
  fail(err) {
    this.stop(err);
    this.dead = true;
  }
  /** Terminates the worker (and whatever it was doing) and starts a fresh one at once. */
  replace(err) {
    this.stop(err);
    this.start();
  }
  /** Stops the read that is running, if any: its worker is terminated and replaced. */
  cancel() {
    if (!this.busy) return false;
    this.replace(new ReadError('cancelled'));
    return true;
  }
  request(message, transfer, progress, budgetS = TIME_BUDGET_S) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const p = { resolve, reject, progress };
      // past the time budget the worker is terminated: nothing else stops a wasm call
      p.timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ReadError('timeout', '', { seconds: budgetS }));
        this.replace(new ReadError('cancelled'));
      }, budgetS * 1000);
      this.pending.set(id, p);
      this.worker.postMessage({ id, ...message }, transfer);
    });
  }
  /** Everything the page shows; `csv` and `bytes` (the input, back from the worker) as
   *  UTF-8 bytes. */
  async analyze(bytes, progress, budgetS) {
    const m = await this.request({ op: 'analyze', bytes }, [bytes.buffer], progress, budgetS);
    return Object.assign(m.result, { csv: m.csv, bytes: m.bytes, parseMs: m.parseMs, memory: m.memory });
  }
  /** Two reports side by side (`juesuan compare A B`): `{ comparison, charts }`. Both
   *  byte arrays are copied to the worker: the report shown keeps its own. */
  async compare(first, second, budgetS) {
    const [a, b] = [first.slice(), second.slice()];
    return (await this.request({ op: 'compare', bytes: a, other: b }, [a.buffer, b.buffer], () => {}, budgetS)).result;
  }
  /** The JSON export (`juesuan export --format json`) of `bytes`, as UTF-8 bytes. */
  async reportJson(bytes, budgetS) {
    const copy = bytes.slice();
    return (await this.request({ op: 'json', bytes: copy }, [copy.buffer], () => {}, budgetS)).json;
  }
}

// ---- the element ----

export class JuesuanReport extends HTMLElement {
  static observedAttributes = ['src', 'compare-src', 'lang', 'charts', 'theme', 'sections', 'compact'];

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.append(
      el('link', { rel: 'stylesheet', href: new URL('./juesuan-report.css', import.meta.url).href }),
      (this.status = el('p', { class: 'status', hidden: true },
        (this.statusText = el('span', { role: 'status', 'aria-live': 'polite' })),
        (this.cancelButton = el('button', { type: 'button', class: 'cancel', hidden: true, on: { click: () => this.cancel() } })))),
      (this.body = el('div', { class: 'body' })),
    );
    // the view shown, kept across renders (language, theme) and in the URL hash (`hash`):
    // per chart its drill path and bars/treemap, the tables' sort orders, the parts open
    this.paths = new Map();
    this.modes = new Map();
    this.sorts = new Map();
    this.opened = new Set();
    this.section = null;
    this.focusChart = null;
    // parts open or closed by the reader, by their fold key (`data-fold`)
    this.root.addEventListener('toggle', (e) => {
      const fold = e.target?.dataset?.fold;
      if (!fold) return;
      if (e.target.open) this.opened.add(fold); else this.opened.delete(fold);
      this.writeHash(false);
    }, true);
    this.timings = {};
    this.loadSeq = 0;
    this.renderSeq = 0;
  }

  get t() { return STRINGS[this.getAttribute('lang') === 'en' ? 'en' : 'zh']; }

  get tc() { return COMPARE_STRINGS[this.getAttribute('lang') === 'en' ? 'en' : 'zh']; }

  connectedCallback() {
    if (!this.parser) {
      try {
        this.parser = new Parser();
      } catch (err) {
        this.failWith(err);
        return;
      }
    }
    if (!this.resizer) {
      let width = 0;
      this.resizer = new ResizeObserver(() => {
        const w = Math.round(this.getBoundingClientRect().width);
        if (this.data && w !== width) { width = w; this.drawAll(); }
      });
      this.resizer.observe(this);
    }
    if (!this.hooks) {
      // the view in the URL (`hash`): restored now, and on Back and Forward
      this.hooks = {
        popstate: () => this.fromHash(),
        // printing: the charts drawn again for the paper's width (the folded parts stay as
        // they are: a long table prints when its part is open)
        // the short explanation of the reading marks unfolds (the marks print)
        beforeprint: () => {
          this.printing = true;
          for (const d of this.root.querySelectorAll('details.reads-help')) d.open = true;
          if (this.data) this.drawAll();
        },
        afterprint: () => { this.printing = false; if (this.data) this.drawAll(); },
      };
      for (const [name, f] of Object.entries(this.hooks)) window.addEventListener(name, f);
      if (this.hashed) this.fromHash(true);
    }
    if (this.hasAttribute('src') && !this.data && !this.loading) this.loadUrl(this.getAttribute('src'));
  }

  disconnectedCallback() {
    for (const [name, f] of Object.entries(this.hooks || {})) window.removeEventListener(name, f);
    this.hooks = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    if (name === 'src' && value) this.loadUrl(value);
    else if (name === 'compare-src') { if (value && this.data) this.compareUrl(value); }
    else {
      if (name === 'lang') this.writeHash(false);
      if (this.data) this.render();
    }
  }

  /** The reader's language: `zh` or `en`. */
  get lang() { return this.getAttribute('lang') === 'en' ? 'en' : 'zh'; }

  /** Whether the view is kept in the URL hash (the `hash` attribute). */
  get hashed() { return this.hasAttribute('hash'); }

  /** Writes the view to the URL hash (with `hash`): `l` the language, `s` the section, `c`
   *  the chart, `p.KIND` its drill path (keys joined by `/`), `m.KIND` bars or treemap,
   *  `o.TABLE` a sort (column and `a` or `d`), `f` the parts open. Only keys (codes, project
   *  ids, names of parts) enter it: never the file or its text. `push` makes a history
   *  entry (a drill-down: Back goes up a level), otherwise the entry is replaced. */
  writeHash(push) {
    // not before the hash was read (an attribute set while upgrading would overwrite it)
    if (!this.hashed || !this.isConnected || !this.hooks) return;
    const q = new URLSearchParams();
    q.set('l', this.lang);
    if (this.section) q.set('s', this.section);
    if (this.focusChart) q.set('c', this.focusChart);
    for (const [k, p] of this.paths) if (p.length) q.set(`p.${k}`, p.join('/'));
    for (const [k, m] of this.modes) q.set(`m.${k}`, m);
    for (const [k, [col, dir]] of this.sorts) q.set(`o.${k}`, `${col}${dir < 0 ? 'd' : 'a'}`);
    if (this.opened.size) q.set('f', [...this.opened].join(','));
    const hash = `#${q}`;
    if (hash === location.hash) return;
    const url = `${location.pathname}${location.search}${hash}`;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }

  /** Reads the view from the URL hash (see writeHash) and shows it: the charts are drawn
   *  again, or everything when the language or a sort changed. A hash without `=` is a
   *  link to an anchor (the skip link), not a view; no hash is the default view. Bounded: only known kinds, at most 8
   *  levels a path, 100 sorts and 200 open parts. */
  fromHash(first = false) {
    if (!this.hashed) return;
    const raw = location.hash.slice(1);
    // no hash (Back to the page as first opened): the default view
    if (raw && !raw.includes('=')) return;
    const q = new URLSearchParams(raw);
    const before = JSON.stringify([[...this.sorts], [...this.opened]]);
    this.paths = new Map();
    this.modes = new Map();
    this.sorts = new Map();
    for (const [k, v] of q) {
      const [head, name] = [k.slice(0, 2), k.slice(2)];
      if (head === 'p.' && KINDS.includes(name)) this.paths.set(name, v.split('/').filter(Boolean).slice(0, 8));
      else if (head === 'm.' && KINDS.includes(name) && (v === 'bars' || v === 'treemap')) this.modes.set(name, v);
      else if (head === 'o.' && this.sorts.size < 100) {
        const m = /^(\d{1,2})([ad])$/.exec(v);
        if (m) this.sorts.set(name.slice(0, 40), [Number(m[1]), m[2] === 'd' ? -1 : 1]);
      }
    }
    this.opened = new Set((q.get('f') || '').split(',').filter(Boolean).slice(0, 200).map((k) => k.slice(0, 40)));
    this.section = SECTIONS.includes(q.get('s')) ? q.get('s') : null;
    this.focusChart = KINDS.includes(q.get('c')) ? q.get('c') : null;
    // the section or chart is scrolled to once the report is shown
    this.restoreScroll = first;
    const lang = q.get('l');
    if ((lang === 'en' || lang === 'zh') && lang !== this.lang) { this.setAttribute('lang', lang); return; }
    if (!this.data) return;
    if (JSON.stringify([[...this.sorts], [...this.opened]]) !== before) this.render();
    else this.drawAll();
  }

  async loadUrl(src) {
    this.setState('loading', this.t.loading);
    this.loading = true;
    const seq = this.loadSeq;
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      // refused by its announced size before the body is read
      const size = Number(res.headers.get('content-length'));
      if (size > MAX_BYTES) throw new ReadError('too-large', '', { size });
      const bytes = await res.arrayBuffer();
      // a file given meanwhile (or Cancel) wins
      if (seq !== this.loadSeq) return;
      await this.load(bytes, src.split('/').pop());
    } catch (err) {
      if (seq === this.loadSeq) this.failWith(err, src.split('/').pop());
    }
  }

  /** Reads a report: a File, an ArrayBuffer or typed array of its bytes, or its text. A
   *  read still running is stopped first (its worker terminated and replaced); input over
   *  MAX_BYTES is refused by its size, before it is read. */
  async load(input, name) {
    const seq = ++this.loadSeq;
    const started = performance.now();
    this.loading = true;
    this.parser?.cancel();
    this.setState('loading', this.t.loading);
    try {
      const size = input && (input.byteLength ?? input.size);
      if (typeof size === 'number' && size > MAX_BYTES) throw new ReadError('too-large', '', { size });
      let bytes;
      if (typeof input === 'string') bytes = new TextEncoder().encode(input);
      else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input.slice(0));
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength));
      else if (input && typeof input.arrayBuffer === 'function') { name = name || input.name; bytes = new Uint8Array(await input.arrayBuffer()); }
      else throw new TypeError('load() takes a File, an ArrayBuffer or a string');
      if (bytes.length > MAX_BYTES) throw new ReadError('too-large', '', { size: bytes.length });
      await wasmReady;
      if (seq !== this.loadSeq) return;
      await this.parser.whenReady();
      if (seq !== this.loadSeq) return;
      const result = await this.parser.analyze(bytes, (done, total) => {
        if (seq === this.loadSeq) this.setState('loading', this.t.pages(done, total));
      }, this.budget());
      if (seq !== this.loadSeq) return;
      this.data = result;
      this.fileName = name || 'report';
      // the view (drill paths, sorts, open parts) stays: the same file opened again shows
      // the view its link restores; keys this report lacks are passed over
      const parsed = performance.now();
      // in parts, each its own task: the page stays responsive whatever the file
      if (!(await this.render()) || seq !== this.loadSeq) return;
      this.timings = {
        wasmReady: wasmReadyAt,
        parse: result.parseMs,
        toResult: parsed - started,
        toCharts: this.chartsDrawnAt - started,
        toReady: performance.now() - started,
      };
      this.loading = false;
      this.setState('ready', '');
      // a comparison belongs to the report it was made with
      if (this.comparison && this.comparison.with !== result) this.comparison = null;
      if (this.getAttribute('compare-src')) this.compareUrl(this.getAttribute('compare-src'));
      const a = result.audit.findings;
      this.dispatchEvent(new CustomEvent('juesuan-ready', {
        bubbles: true, composed: true,
        detail: {
          name: this.fileName, department: result.report.department, year: result.report.year,
          format: result.report.source.format, errors: a.filter((f) => f.severity === 'error' && f.group === 'document').length,
          findings: a.length, timings: this.timings,
        },
      }));
    } catch (err) {
      if (seq === this.loadSeq) this.failWith(err, name || input?.name);
    }
  }

  /** The time budget of one read in seconds: the `timeout` attribute, else TIME_BUDGET_S. */
  budget() {
    const s = Number(this.getAttribute('timeout'));
    return s > 0 ? s : TIME_BUDGET_S;
  }

  /** Stops the read that is running (the Cancel button): its worker is terminated and a
   *  fresh one started; what was shown before stays. */
  cancel() {
    if (!this.loading) return;
    this.loadSeq++;
    this.loading = false;
    this.parser?.cancel();
    this.setState('cancelled', this.t.cancelled);
  }

  /** The message for a failed read, in the reader's language. */
  describe(err) {
    const t = this.t;
    if (err instanceof ReadError) {
      if (err.kind === 'too-large') return t.tooLarge(err.size, MAX_BYTES);
      if (err.kind === 'timeout') return t.timeout(err.seconds);
      if (err.kind === 'internal') return t.internal;
      if (err.kind === 'cancelled') return t.cancelled;
    }
    return t.failed + localMessage(err && err.message ? err.message : err, this.lang);
  }

  /** A read failed: says why. The report shown before, if any, stays, and the message
   *  says so. */
  failWith(err, name) {
    this.loading = false;
    let message = this.describe(err);
    if (this.data && !(err instanceof ReadError && err.kind === 'cancelled')) {
      const why = err instanceof ReadError ? message : localMessage(err && err.message ? err.message : err, this.lang);
      message = this.t.keptReport(name || this.t.source, /[。.!?！？]$/.test(why) ? why : `${why}${this.lang === 'en' ? '.' : '。'}`);
    } else if (!this.data) {
      this.figures = [];
      this.renderSeq++;
      this.body.replaceChildren();
    }
    this.setState('error', message);
    this.dispatchEvent(new CustomEvent('juesuan-error', { bubbles: true, composed: true, detail: { message, kind: err?.kind ?? 'read' } }));
  }

  setState(state, text) {
    this.dataset.state = state;
    this.statusText.textContent = text;
    this.status.className = `status ${state}`;
    this.status.hidden = !text;
    this.cancelButton.textContent = this.t.cancel;
    this.cancelButton.hidden = state !== 'loading';
  }

  kinds() {
    const attr = this.getAttribute('charts');
    if (!attr) return KINDS;
    const want = attr.split(',').map((s) => s.trim());
    return KINDS.filter((k) => want.includes(k));
  }

  /** The sections shown: the `sections` attribute (comma-separated), default all. */
  sections() {
    const attr = this.getAttribute('sections');
    if (!attr) return SECTIONS;
    const want = attr.split(',').map((s) => s.trim());
    return SECTIONS.filter((k) => want.includes(k));
  }

  /** Whether the part with fold key `key` is open (the reader opened it). */
  isOpen(key) { return this.opened.has(key); }

  /** A folded part (`<details>`) whose open state is kept across renders and in the URL. */
  fold(key, summary, attrs, ...content) {
    return el('details', { ...attrs, 'data-fold': key, open: this.isOpen(key) }, el('summary', {}, summary), ...content);
  }

  /** Scrolls to a section below the sticky bar and moves the focus to its heading. */
  goSection(id) {
    const section = this.root.getElementById(`s-${id}`);
    if (!section) return;
    this.section = id;
    this.writeHash(false);
    section.scrollIntoView({ block: 'start' });
    section.querySelector('h2')?.focus({ preventScroll: true });
  }

  /** Scrolls to a chart and focuses it. */
  goChart(kind) {
    const fig = (this.figures || []).find((f) => f.kind === kind);
    if (!fig) return false;
    fig.figure.scrollIntoView({ block: 'start' });
    fig.canvas.focus({ preventScroll: true });
    return true;
  }

  /** Focuses the report's first heading (for a page's skip link). */
  focusContent() {
    const h = this.root.querySelector('h2');
    if (h) { h.scrollIntoView({ block: 'start' }); h.focus({ preventScroll: true }); }
  }

  // ---- rendering: everything from this.data ----

  /** Renders this.data: the summary and the charts at once, every other part in a task of
   *  its own (and long parts in several), so no step holds the page for long. Resolves to
   *  false when a newer render or read took over before it ended. */
  async render() {
    const seq = ++this.renderSeq;
    // every part in the page (for tests and for a host that waits on it)
    this.rendered = false;
    const t = this.t;
    const d = this.data;
    // parts of a section rendered in later tasks (projects in batches)
    this.later = [];
    this.rowsAt = new Map();
    this.body.className = `body ${this.getAttribute('theme') === 'dark' ? 'dark' : 'light'}`;
    this.cells = new Map();
    this.figures = [];
    const all = {
      summary: () => this.renderSummary(d, t), charts: () => this.renderCharts(d, t),
      compare: () => this.renderCompare(t),
      performance: () => this.renderPerformance(d, t), audit: () => this.renderAudit(d, t),
      tables: () => this.renderTables(d, t), narrative: () => this.renderNarrative(d, t),
      downloads: () => this.renderDownloads(d, t),
    };
    // the comparison only when there is a second report
    const parts = this.sections().filter((id) => id !== 'compare' || this.comparison)
      .map((id) => [id, id === 'compare' ? this.tc.compare : t[id], all[id]]);
    // a bar to move between the sections, when there are several
    const nav = parts.length > 1 ? el('nav', { class: 'toc', 'aria-label': t.contents }, ...parts.map(([id, title]) =>
      el('button', { type: 'button', 'data-section': id, text: title, on: { click: () => this.goSection(id) } }))) : null;
    const sections = parts.map(([id, title]) => el('section', { id: `s-${id}`, class: id, 'aria-labelledby': `h-${id}` },
      el('h2', { id: `h-${id}`, tabindex: '-1', text: title })));
    // the summary at once, then the charts (drawn in the same task): they are what a reader
    // sees first, and drawn before the rest (the worker counted what the summary shows: no
    // step here grows with the file)
    if (parts.length) sections[0].append(parts[0][2]());
    this.body.replaceChildren(...(nav ? [nav] : []), ...sections);
    if (nav) this.watchBar(nav);
    for (let k = 1; k < parts.length; k++) {
      await nextTask();
      if (seq !== this.renderSeq) return false;
      sections[k].append(parts[k][2]());
      while (this.later.length) {
        await nextTask();
        if (seq !== this.renderSeq) return false;
        this.later.shift()();
      }
    }
    // charts only after the first section: drawn with the rest of the tasks above
    while (this.later.length) {
      await nextTask();
      if (seq !== this.renderSeq) return false;
      this.later.shift()();
    }
    this.rendered = true;
    if (this.restoreScroll) {
      this.restoreScroll = false;
      if (!(this.focusChart && this.goChart(this.focusChart)) && this.section) this.goSection(this.section);
    }
    return true;
  }

  /** Keeps the sticky bar's height in `--bar-height`: a section scrolled to stops below it. */
  watchBar(nav) {
    this.barObserver?.disconnect();
    this.barObserver = new ResizeObserver(() => this.body.style.setProperty('--bar-height', `${Math.ceil(nav.getBoundingClientRect().height)}px`));
    this.barObserver.observe(nav);
  }

  renderSummary(d, t) {
    const r = d.report;
    const en = this.lang === 'en';
    const t01 = r.tables.find((x) => x.id === '01');
    const dl = el('dl', { class: 'facts' });
    const add = (k, ...v) => dl.append(el('dt', { text: k }), el('dd', {}, ...v));
    add(t.department, r.department ? doc(r.department) : '—');
    add(t.year, r.year ?? '—');
    add(t.source, doc(this.fileName), ` · ${t.format(r.source)}`);
    if (t01) {
      add(t.unit, std(t01.unit, en));
      for (const name of ['本年收入合计', '收入总计', '本年支出合计', '支出总计']) {
        const row = t01.rows.find((x) => x.name === name);
        const v = row?.cells[0]?.value;
        if (v) add(t.totals[name], `${groupDigits(v)} ${stdText(t01.unit, en)}`);
      }
    }
    const wrap = el('div');
    // the answers first: what a reader wants in ten seconds, each a link to its chart or part
    const answers = this.renderAnswers(d, t);
    if (answers) wrap.append(answers);
    wrap.append(el('h3', { text: t.exactFigures }), dl);
    const confidence = this.renderConfidence(r, t);
    if (confidence) wrap.append(confidence);
    if (r.diagnostics.length) {
      const list = el('ul');
      const pager = pagedList(list, r.diagnostics, (x) => el('li', { 'data-diagnostic': x.code },
        `${x.code}${x.at ? ` (${t.line(x.at)})` : ''}: `, mixed(en ? x.message_en : x.message_zh, en)), t);
      wrap.append(this.fold('diagnostics', `${t.diagnostics} (${r.diagnostics.length})`, { class: 'diagnostics' }, pager.nav ?? '', list));
    }
    return wrap;
  }

  /** The summary figures (the core's `summary`): total income and spending in 万元 or 亿元,
   *  basic vs project, 三公 against its budget, the largest class, the findings, the
   *  self-evaluation; the exact figure on hover. Each links to its chart or section. */
  renderAnswers(d, t) {
    const figures = d.summary?.figures;
    if (!figures?.length) return null;
    const en = this.lang === 'en';
    const shown = new Set(this.sections());
    const kinds = new Set(this.kinds());
    const list = el('ul', { class: 'answers', 'aria-label': t.answers });
    for (const f of figures) {
      const exact = en ? f.exact_en : f.exact_zh;
      const note = en ? f.note_en : f.note_zh;
      // in English a name the figure quotes as printed (no English name) is marked lang=zh
      const body = [el('span', { class: 'label' }, mixed(en ? f.label_en : f.label_zh, en)),
        el('span', { class: 'value', title: exact || undefined }, mixed(en ? f.value_en : f.value_zh, en)),
        note ? el('span', { class: 'note' }, mixed(note, en)) : null,
        exact ? el('span', { class: 'exact' }, mixed(exact, en)) : null];
      const [kind, name] = String(f.target || '').split(':');
      const reachable = (kind === 'chart' && shown.has('charts') && kinds.has(name)) || (kind === 'section' && shown.has(name));
      const go = () => (kind === 'chart' ? this.goChart(name) : this.goSection(name));
      list.append(el('li', { class: 'answer', 'data-key': f.key },
        reachable ? el('button', { type: 'button', class: 'answer-link', 'data-target': f.target, on: { click: go } }, ...body.filter(Boolean))
          : el('div', { class: 'answer-box' }, ...body.filter(Boolean))));
    }
    const r = d.report;
    return el('div', { class: 'answers-box' },
      el('p', { class: 'report-title' }, r.department ? doc(r.department, 'strong') : '', r.year ? ` ${r.year}` : ''), list);
  }

  /** Per table with cells, how many were read from the ruled grid, by columns, placed by
   *  the identities, or left uncertain; null when the report has no such table. */
  renderConfidence(r, t) {
    // counted by the worker (`reads`: a count per kind)
    const counted = r.tables.filter((x) => !x.empty && READS.some((k) => x.reads[k])).map((x) => ({ id: x.id, n: x.reads }));
    if (!counted.length) return null;
    const head = el('tr', {}, el('th', { scope: 'col', text: t.confidenceTable }),
      ...READS.map((k) => el('th', { scope: 'col', title: t.readsHelp[k], text: t.reads[k] })));
    const rows = counted.map(({ id, n }) => el('tr', { 'data-table': id }, el('th', { scope: 'row', text: id, title: t.table(id) }),
      ...READS.map((k) => el('td', { class: `num${n[k] ? (k === 'uncertain' ? ' uncertain' : '') : ' zero'}`, 'data-count': k, text: String(n[k]) }))));
    const all = Object.fromEntries(READS.map((k) => [k, counted.reduce((s, x) => s + x.n[k], 0)]));
    const foot = el('tr', { 'data-table': 'all' }, el('th', { scope: 'row', text: t.allTables }),
      ...READS.map((k) => el('td', { class: `num${all[k] ? (k === 'uncertain' ? ' uncertain' : '') : ' zero'}`, 'data-count': k, text: String(all[k]) })));
    const uncertain = all.uncertain;
    const box = el('div', { class: 'confidence' },
      el('table', { class: 'confidence' }, el('caption', { text: t.confidence }), el('thead', {}, head), el('tbody', {}, ...rows),
        counted.length > 1 ? el('tfoot', {}, foot) : null),
      el('details', { class: 'reads-help' }, el('summary', { text: t.readsWhat }),
        el('ul', {}, ...READS.map((k) => el('li', {}, el('b', { text: t.reads[k] }), `${t.colon}${t.readsHelp[k]}`)))));
    if (uncertain) box.append(el('p', { class: 'uncertain-note', text: t.uncertainNote(uncertain) }));
    return box;
  }

  renderCharts(d, t) {
    const wrap = el('div', { class: 'chart-grid' });
    for (const kind of this.kinds()) {
      const chart = d.charts.find((c) => c.kind === kind);
      if (chart) wrap.append(this.chartFigure(chart, t).figure);
    }
    // once the figures are in the page: their widths (one layout), then every chart
    this.later.push(() => { this.drawAll(); this.chartsDrawnAt = performance.now(); });
    return wrap;
  }

  /** Fetches `src` and compares it with the report shown (the `compare-src` attribute). */
  async compareUrl(src) {
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      const size = Number(res.headers.get('content-length'));
      if (size > MAX_BYTES) throw new ReadError('too-large', '', { size });
      await this.compareWith(await res.arrayBuffer(), src.split('/').pop());
    } catch (err) {
      this.failWith(err, src.split('/').pop());
    }
  }

  /** Compares a second report (File, bytes or text) with the one shown: a budget with the
   *  final accounts of its year, two years of one department, or any two (per class). The
   *  comparison is shown in its own part, after the charts; a file that cannot be read
   *  leaves the report (and any earlier comparison) as it was, and says why. */
  async compareWith(input, name) {
    if (!this.data) throw new Error('compareWith() needs a report shown first (load())');
    name = name || input?.name || 'report';
    const seq = this.loadSeq;
    this.setState('loading', this.tc.comparing);
    try {
      const size = input && (input.byteLength ?? input.size);
      if (typeof size === 'number' && size > MAX_BYTES) throw new ReadError('too-large', '', { size });
      let bytes;
      if (typeof input === 'string') bytes = new TextEncoder().encode(input);
      else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else if (input && typeof input.arrayBuffer === 'function') bytes = new Uint8Array(await input.arrayBuffer());
      else throw new TypeError('compareWith() takes a File, an ArrayBuffer or a string');
      await this.parser.whenReady();
      const result = await this.parser.compare(this.data.bytes, bytes, this.budget());
      if (seq !== this.loadSeq) return;
      this.comparison = { ...result, name, with: this.data };
      this.setState('ready', '');
      await this.render();
      this.goSection('compare');
      this.dispatchEvent(new CustomEvent('juesuan-compared', {
        bubbles: true, composed: true,
        detail: { name, relation: result.comparison.relation, findings: result.comparison.findings.length },
      }));
    } catch (err) {
      if (seq === this.loadSeq) this.failWith(err, name);
    }
  }

  /** The comparison part: what the two reports are and how they pair, a paired chart per
   *  block (drawn and drilled like the report's), the figures per line, and the
   *  cross-checks' findings with the document each cell and sentence is in. */
  renderCompare(t) {
    const tc = this.tc;
    const en = this.lang === 'en';
    const { comparison: c, charts } = this.comparison;
    const wrap = el('div', { class: 'compare' });
    const party = (p, d) => el('li', {}, el('strong', { text: `${d.toUpperCase()} ` }),
      en ? el('span', { text: p.label_en }) : doc(p.label_zh));
    wrap.append(
      el('p', { class: 'relation', text: tc.relation[c.relation] }),
      el('ul', { class: 'parties' }, party(c.a, 'a'), party(c.b, 'b')),
      ...c.notes.map(([zh, en2]) => el('p', { class: 'note', text: en ? en2 : zh })),
      el('button', { type: 'button', class: 'clear-compare', text: tc.clear,
        on: { click: () => { this.comparison = null; this.render(); } } }));
    const grid = el('div', { class: 'chart-grid' });
    for (const chart of charts) grid.append(this.chartFigure(chart, t).figure);
    wrap.append(grid);
    this.later.push(() => this.drawAll());
    // the figures per line, a table per block
    const rateHead = tc.rate[c.relation];
    for (const b of c.blocks) {
      if (!b.lines.length) continue;
      const headers = [{ label: t.item }, { label: tc.a, numeric: true }, { label: tc.b, numeric: true },
        { label: tc.difference, numeric: true }, { label: `${rateHead} (%)`, numeric: true }];
      const rows = b.lines.map((l) => {
        const num = (v) => el('td', { class: 'num', text: v == null ? '—' : groupDigits(v) });
        const name = l.code ? `${l.code} ${l.name}` : l.name;
        return {
          keys: [name, l.a, l.b, l.difference, l.rate],
          tr: el('tr', {}, el('th', { scope: 'row' }, doc(name)), num(l.a), num(l.b), num(l.difference), num(l.rate)),
        };
      });
      const key = `c.${b.key}`;
      wrap.append(this.fold(`cmp:${b.key}`, `${en ? b.title_en : b.title_zh} · ${tc.lines}`, { class: 'compare-lines' },
        sortableTable(headers, rows, { 'data-compare-block': b.key }, t,
          { get: () => this.sorts.get(key), set: (v) => { this.sorts.set(key, v); this.writeHash(false); } })));
    }
    // the cross-checks
    const errors = c.findings.filter((f) => f.severity === 'error' && f.group === 'document').length;
    wrap.append(el('h3', { text: tc.checks(c.checked, c.findings.length, errors) }));
    const list = el('ol', { class: 'findings compare-findings' });
    // the report shown is the first of the two given: `b` when the comparison swapped them
    const loaded = c.swapped ? 'b' : 'a';
    for (const f of c.findings) {
      const li = el('li', { class: `finding ${f.severity}`, 'data-rule': f.rule },
        el('p', { class: 'message' }, mixed(en ? f.message_en : f.message_zh, en)));
      const cells = el('ul', { class: 'cells' });
      for (const x of f.cells) {
        const words = `${tc.inDoc(x.doc || 'b')}${t.table(x.table)} ${x.name || x.row} · ${stdText(x.column, en)} = ${x.value == null ? t.blank : groupDigits(x.value)}`;
        cells.append(el('li', { 'data-doc': x.doc || '' }, mixed(words, en)));
      }
      if (f.cells.length) li.append(cells);
      if (f.sentence) {
        // the sentence link opens the narrative of the report shown: only for its sentences
        const d = f.sentence.doc || 'b';
        li.append(el('p', { class: 'doc-label', text: tc.inDoc(d) }), d === loaded ? this.quote(f.sentence, t)
          : el('blockquote', { 'data-doc': d }, el('p', { class: 'quote', lang: 'zh', text: f.sentence.text })));
      }
      list.append(li);
    }
    if (c.findings.length) wrap.append(list);
    else wrap.append(el('p', { text: t.noFindings }));
    return wrap;
  }

  /** A chart's figure (canvas, caption with its tools, breadcrumbs, level total, focus box,
   *  tooltip, data table), listed in `this.figures` to be drawn; the report's charts and a
   *  comparison's alike. */
  chartFigure(chart, t) {
    const en = this.lang === 'en';
    const kind = chart.kind;
    const title = en ? chart.title_en : chart.title_zh;
    // the function classes as a treemap beside the bars (the core draws both)
    const treemap = kind === 'function' && chart.items.some((i) => i.code !== undefined);
    const canvas = el('canvas', { 'data-chart': kind, role: 'img', tabindex: '0', 'aria-label': title,
      'aria-describedby': `keys-${kind} data-${kind}` });
    const fig = {
      kind, chart, canvas, treemap, hits: [], items: [], focus: -1,
      table: el('div', { class: 'chart-data', id: `data-${kind}` }),
      crumbs: el('nav', { class: 'crumbs', 'aria-label': `${t.levels}: ${title}` }),
      levelTotal: el('p', { class: 'level-total' }),
      focusBox: el('div', { class: 'focus-box', hidden: true }),
      tip: el('div', { class: 'tip', hidden: true, 'aria-hidden': 'true' }),
      live: el('p', { class: 'sr-only live', 'aria-live': 'polite' }),
    };
    canvas.addEventListener('click', (e) => {
      const hit = this.hitAt(fig, e.offsetX, e.offsetY);
      if (hit && hit.drill) this.drill(fig, hit.key, false);
    });
    canvas.addEventListener('pointermove', (e) => this.showTip(fig, this.hitAt(fig, e.offsetX, e.offsetY), e.offsetX, e.offsetY));
    canvas.addEventListener('pointerleave', () => { if (this.root.activeElement === canvas) this.showFocus(fig, false); else this.showTip(fig, null); });
    canvas.addEventListener('keydown', (e) => { fig.keyboard = true; this.chartKey(fig, e); });
    // the focus outline is for the keyboard: a pointer shows the tooltip instead
    canvas.addEventListener('pointerdown', () => { fig.keyboard = false; });
    canvas.addEventListener('focus', () => {
      this.focusChart = kind;
      this.writeHash(false);
      if (fig.focus < 0 && fig.hits.length) fig.focus = 0;
      this.showFocus(fig, true);
    });
    canvas.addEventListener('blur', () => { fig.focusBox.hidden = true; this.showTip(fig, null); });
    const tools = el('span', { class: 'tools' });
    if (treemap) {
      fig.modeButtons = ['treemap', 'bars'].map((m) => el('button', { type: 'button', class: 'mode', 'data-mode': m, text: t[m],
        on: { click: () => { this.modes.set(kind, m); this.writeHash(false); this.drawOne(fig); } } }));
      tools.append(el('span', { class: 'modes', role: 'group', 'aria-label': t.viewAs }, ...fig.modeButtons));
    }
    tools.append(
      el('button', { type: 'button', 'data-download': 'png', text: t.png, on: { click: () => this.downloadPng(fig) } }),
      el('button', { type: 'button', 'data-download': 'svg', text: t.svg, on: { click: () => this.downloadSvg(fig) } }),
      el('button', { type: 'button', 'data-download': 'chart-csv', text: t.chartCsv, on: { click: () => this.downloadChartCsv(fig) } }));
    fig.figure = el('figure', { class: 'chart', 'data-chart-figure': kind, 'aria-labelledby': `title-${kind}` },
      el('figcaption', {}, el('span', { class: 'chart-title', id: `title-${kind}`, text: title }), tools),
      fig.crumbs, fig.levelTotal,
      el('div', { class: 'plot' }, canvas, fig.focusBox, fig.tip),
      el('p', { class: 'sr-only', id: `keys-${kind}`, text: t.chartKeys }), fig.live,
      this.fold(`d:${kind}`, t.dataTable, { class: 'chart-table' }, fig.table));
    this.figures.push(fig);
    return fig;
  }

  path(kind) {
    if (!this.paths.has(kind)) this.paths.set(kind, []);
    return this.paths.get(kind);
  }

  /** The items passed on the way down `path` (the part of it this chart has). */
  trail(fig) {
    const out = [];
    let items = fig.chart.items;
    for (const key of this.path(fig.kind)) {
      const it = items.find((i) => i.key === key && i.children && i.children.length);
      if (!it) break;
      out.push(it);
      items = it.children;
    }
    return out;
  }

  mode(fig) {
    if (!fig.treemap) return 'bars';
    return this.modes.get(fig.kind) || 'treemap';
  }

  options(fig, width) {
    return {
      lang: this.lang,
      theme: this.getAttribute('theme') === 'dark' ? 'dark' : 'light',
      path: this.trail(fig).map((i) => i.key),
      mode: this.mode(fig),
      width: width ?? (this.printing ? PRINT_WIDTH : fig.width ?? 720),
      scale: this.printing ? 2 : window.devicePixelRatio || 1,
      title: false, // the figure's caption shows it
      caption: false,
    };
  }

  /** An item's name as text: its English name in English where it has one, else as
   *  printed with its code. */
  itemText(it, en = this.lang === 'en') {
    const code = it.code ?? (/^\d+$/.test(it.key) ? it.key : null);
    if (en && it.label_en) return it.label_en;
    return code && code !== it.label && en ? `${it.label} ${code}` : it.label;
  }

  /** An item's name as nodes: printed names are marked `lang="zh"`. */
  itemNode(it, en = this.lang === 'en') {
    if (en && it.label_en) return document.createTextNode(it.label_en);
    const code = it.code ?? (/^\d+$/.test(it.key) ? it.key : null);
    const frag = document.createDocumentFragment();
    frag.append(doc(it.label));
    if (en && code && code !== it.label) frag.append(` ${code}`);
    return frag;
  }

  /** The hit under a point of the canvas (CSS px). */
  hitAt(fig, x, y) {
    const scale = fig.canvas.width / (fig.canvas.clientWidth || 1);
    x *= scale;
    y *= scale;
    return fig.hits.find((h) => x >= h.x && x <= h.x + h.w && y >= h.y && y <= h.y + h.h) || null;
  }

  /** What a hit shows: name, code, amount and share (from the hit, else from its item). */
  hitInfo(fig, hit) {
    const it = fig.items.find((i) => i.key === hit.key) || { key: hit.key, label: hit.label ?? hit.key, values: [] };
    const merged = { ...it, label: hit.label ?? it.label, label_en: hit.label_en ?? it.label_en,
      code: hit.code ?? it.code ?? (/^\d+$/.test(hit.key) ? hit.key : undefined) };
    // the core's amount is empty where the cell is blank
    const amount = hit.amount !== undefined ? hit.amount || null : it.values?.[0] ?? null;
    const unit = stdText(fig.chart.unit, this.lang === 'en');
    return {
      item: merged, code: merged.code ?? null,
      amount: amount === null || amount === undefined ? '—' : fig.kind === 'performance' ? String(amount) : `${groupDigits(amount)} ${unit}`,
      share: hit.share !== undefined && hit.share !== null ? formatShare(hit.share) : null,
    };
  }

  /** The tooltip over a hit (null hides it), near the point (CSS px) or the hit's box. */
  showTip(fig, hit, x, y) {
    if (!hit) { fig.tip.hidden = true; return; }
    const t = this.t;
    const info = this.hitInfo(fig, hit);
    fig.tip.replaceChildren(el('strong', {}, this.itemNode(info.item)),
      info.code && info.code !== this.itemText(info.item) ? el('span', { text: `${t.code} ${info.code}` }) : '',
      el('span', { text: `${t.amount} ${info.amount}` }),
      info.share ? el('span', { text: `${t.share} ${info.share}` }) : '');
    const scale = fig.canvas.width / (fig.canvas.clientWidth || 1);
    if (x === undefined) { x = (hit.x + hit.w / 2) / scale; y = (hit.y + hit.h) / scale; }
    fig.tip.hidden = false;
    const w = fig.canvas.clientWidth;
    const tw = fig.tip.offsetWidth;
    fig.tip.style.left = `${Math.max(0, Math.min(w - tw, x + 12))}px`;
    fig.tip.style.top = `${y + 14}px`;
  }

  /** The keyboard focus on the chart: an outline over the item (a box over the canvas),
   *  its tooltip, and its description announced. */
  showFocus(fig, announce) {
    const hit = fig.hits[fig.focus];
    const keyboard = fig.keyboard || fig.canvas.matches(':focus-visible');
    if (!hit || this.root.activeElement !== fig.canvas || !keyboard) { fig.focusBox.hidden = true; return; }
    const scale = fig.canvas.width / (fig.canvas.clientWidth || 1);
    Object.assign(fig.focusBox.style, { left: `${hit.x / scale}px`, top: `${hit.y / scale}px`, width: `${hit.w / scale}px`, height: `${hit.h / scale}px` });
    fig.focusBox.hidden = false;
    this.showTip(fig, hit);
    if (announce) {
      const info = this.hitInfo(fig, hit);
      fig.live.textContent = this.t.announceItem(this.itemText(info.item), info.amount, info.share, fig.focus + 1, fig.hits.length);
    }
  }

  /** Arrow keys move between items, Home and End to the first and last, Enter (or space)
   *  drills, Backspace or Escape goes up a level. */
  chartKey(fig, e) {
    const n = fig.hits.length;
    let handled = true;
    if (['ArrowRight', 'ArrowDown'].includes(e.key) && n) fig.focus = (fig.focus + 1) % n;
    else if (['ArrowLeft', 'ArrowUp'].includes(e.key) && n) fig.focus = (fig.focus - 1 + n) % n;
    else if (e.key === 'Home' && n) fig.focus = 0;
    else if (e.key === 'End' && n) fig.focus = n - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      const hit = fig.hits[fig.focus];
      if (hit && hit.drill) this.drill(fig, hit.key, true); else handled = e.key === ' ';
      if (hit && hit.drill) return e.preventDefault();
    } else if (e.key === 'Escape' || e.key === 'Backspace') {
      const depth = this.trail(fig).length;
      if (depth) { this.goUp(fig, depth - 1, true); return e.preventDefault(); }
      handled = false;
    } else handled = false;
    if (!handled) return;
    e.preventDefault();
    this.showFocus(fig, true);
  }

  /** Opens `key`, a child of the level shown (a history entry: Back comes up again). */
  drill(fig, key, keyboard) {
    const path = this.trail(fig).map((i) => i.key);
    this.paths.set(fig.kind, [...path, key]);
    this.writeHash(true);
    this.levelChanged(fig, keyboard);
  }

  /** Goes up to the level `depth` (0: the top). */
  goUp(fig, depth, keyboard) {
    this.paths.set(fig.kind, this.trail(fig).map((i) => i.key).slice(0, depth));
    this.writeHash(true);
    this.levelChanged(fig, keyboard);
  }

  /** After a drill or a step up: drawn again, announced; the focus stays on the chart. */
  levelChanged(fig, keyboard) {
    fig.focus = keyboard ? 0 : -1;
    this.drawOne(fig);
    const trail = this.trail(fig);
    const name = trail.length ? this.itemText(trail[trail.length - 1]) : this.t.top;
    if (this.root.activeElement !== fig.canvas) fig.canvas.focus({ preventScroll: true });
    else this.showFocus(fig, false);
    // after the focus moved (its own announcement), the level's
    fig.live.textContent = this.t.announceLevel(name, this.levelTotalText(fig), fig.items.length);
  }

  /** Draws every chart: all widths are read first (one layout), then all are drawn. */
  drawAll() {
    this.measure();
    for (const fig of this.figures || []) this.drawOne(fig);
  }

  /** Each chart's width, from its box (all read at once: one layout); 240 px at least. */
  measure() {
    const figs = this.figures || [];
    const content = (box) => {
      if (!box) return 720;
      const style = getComputedStyle(box);
      return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    for (const fig of figs) fig.width = Math.max(240, Math.floor(content(fig.figure)));
  }

  drawOne(fig) {
    const opts = this.options(fig);
    try {
      const drawn = drawChart(fig.canvas, fig.chart, opts);
      fig.hits = drawn.hits;
      fig.items = drawn.items;
      fig.total = drawn.total ?? null;
      fig.canvas.removeAttribute('data-error');
    } catch (err) {
      fig.hits = [];
      fig.items = [];
      fig.total = null;
      fig.canvas.setAttribute('data-error', String(err.message || err));
    }
    if (fig.focus >= fig.hits.length) fig.focus = fig.hits.length - 1;
    fig.canvas.style.width = `${opts.width}px`;
    fig.canvas.style.height = `${fig.canvas.height / opts.scale}px`;
    fig.canvas.dataset.path = opts.path.join('/');
    fig.canvas.dataset.mode = opts.mode;
    for (const b of fig.modeButtons || []) b.setAttribute('aria-pressed', String(b.dataset.mode === opts.mode));
    this.renderCrumbs(fig);
    this.renderChartTable(fig, opts);
    fig.tip.hidden = true;
    this.showFocus(fig, false);
  }

  /** The total of the level shown, as text (a single-series chart of amounts only). */
  levelTotalText(fig) {
    if (fig.kind === 'performance' || fig.chart.series.length !== 1 || !fig.items.length) return '';
    let total = fig.total;
    if (total === null || total === undefined) {
      total = fig.items.reduce((sum, it) => (it.values[0] ? decAdd(sum, String(it.values[0])) : sum), '0');
    }
    return `${groupDigits(total)} ${stdText(fig.chart.unit, this.lang === 'en')}`;
  }

  /** The path of the level shown as buttons (the top, each level passed), the level last;
   *  and the level's total. */
  renderCrumbs(fig) {
    const t = this.t;
    const trail = this.trail(fig);
    const drillable = fig.chart.items.some((i) => i.children && i.children.length);
    fig.crumbs.hidden = !drillable;
    const steps = [{ name: document.createTextNode(t.top) }, ...trail.map((it) => ({ name: this.itemNode(it) }))];
    fig.crumbs.replaceChildren(el('ol', {}, ...steps.map((s, k) => el('li', {}, k === steps.length - 1
      ? el('span', { 'aria-current': 'location', class: 'here' }, s.name)
      : el('button', { type: 'button', class: 'crumb', 'data-depth': k, on: { click: () => this.goUp(fig, k, false) } }, s.name)))));
    const total = this.levelTotalText(fig);
    fig.levelTotal.hidden = !total;
    fig.levelTotal.textContent = total ? t.levelTotal(total, fig.items.length) : '';
  }

  /** The chart's text alternative: the items of the level shown, with drill-down buttons. */
  renderChartTable(fig, opts) {
    const t = this.t;
    const en = opts.lang === 'en';
    const items = fig.items;
    if (!items.length) { fig.table.replaceChildren(el('p', { text: t.noData })); return; }
    const unit = stdText(fig.chart.unit, en);
    const shares = new Map(fig.hits.filter((h) => h.share !== undefined && h.share !== null).map((h) => [h.key, formatShare(h.share)]));
    const head = el('tr', {}, el('th', { scope: 'col', text: t.item }), el('th', { scope: 'col', text: t.code }),
      ...fig.chart.series.map((s) => el('th', { scope: 'col', text: `${en ? s.en : s.zh}${fig.kind === 'performance' ? '' : paren(unit, en)}` })),
      ...(shares.size ? [el('th', { scope: 'col', text: t.share })] : []));
    const rows = items.map((it) => {
      const name = it.children && it.children.length
        ? el('button', { type: 'button', class: 'drill', on: { click: () => this.drill(fig, it.key, false) } }, this.itemNode(it, en), ' ›')
        : this.itemNode(it, en);
      // the code column: a classification code (a key that is a name is shown as the name)
      const code = it.code ?? (/^[\dA-Z]+$/.test(it.key) ? it.key : '');
      return el('tr', {}, el('th', { scope: 'row' }, name), el('td', { text: code }),
        ...it.values.map((v) => el('td', { class: 'num', text: v === null ? '—' : groupDigits(v) })),
        ...(shares.size ? [el('td', { class: 'num', text: shares.get(it.key) ?? '' })] : []));
    });
    fig.table.replaceChildren(el('div', { class: 'scroll' }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows))));
  }

  /** A sortableTable's order kept across renders and in the URL, under `key`. */
  sortKept(key) {
    return { get: () => this.sorts.get(key) ?? null, set: (v) => { this.sorts.set(key, v); this.writeHash(false); } };
  }

  renderPerformance(d, t) {
    const all = d.report.performance;
    const en = this.lang === 'en';
    const wrap = el('div');
    if (!all.length) { wrap.append(el('p', { text: t.noData })); return wrap; }
    const funds = (p, col) => p.funds[0]?.cells.find((c) => c.column === col)?.value ?? null;
    // one overview per kind of table, in the order the document prints them
    for (const kind of [...new Set(all.map((p) => p.kind))]) {
      const ps = all.filter((p) => p.kind === kind);
      const target = kind.endsWith('-target');
      const overview = ps.map((p) => {
        const go = el('button', { type: 'button', class: 'link', text: p.id, on: { click: () => {
          const det = this.root.querySelector(`details[data-project-block="${p.id}"]`);
          if (!det) return;
          det.open = true;
          det.scrollIntoView({ block: 'start' });
          det.querySelector('summary')?.focus({ preventScroll: true });
        } } });
        const head = [el('th', { scope: 'row' }, go), el('td', {}, doc(p.project || p.department))];
        if (target) {
          const tr = el('tr', { 'data-ref': p.id }, ...head, el('td', { class: 'num', text: groupDigits(funds(p, '预算数')) }),
            el('td', { class: 'num', text: String(p.indicators.length) }));
          return { tr, keys: [p.id, p.project, funds(p, '预算数'), String(p.indicators.length)] };
        }
        const tr = el('tr', { 'data-ref': p.id }, ...head,
          el('td', { class: 'num', text: groupDigits(funds(p, '全年预算数')) }), el('td', { class: 'num', text: groupDigits(funds(p, '全年执行数')) }),
          el('td', { class: 'num', text: funds(p, '执行率') ? `${funds(p, '执行率')}%` : '—' }),
          el('td', { class: 'num', text: p.total ? p.total[1] : '—' }), el('td', { text: grade(p.total, t) }));
        return { tr, keys: [p.id, p.project, funds(p, '全年预算数'), funds(p, '全年执行数'), funds(p, '执行率'), p.total?.[1] ?? null, p.total?.[1] ?? null] };
      });
      const unit = stdText(ps[0].unit, en);
      const headers = target
        ? [{ label: t.id }, { label: t.project }, { label: `${t.budget}${paren(unit, en)}`, numeric: true }, { label: t.indicatorCount, numeric: true }]
        : [{ label: t.id }, { label: t.project }, { label: `${t.funds}${paren(unit, en)}`, numeric: true },
          { label: `${t.spent}${paren(unit, en)}`, numeric: true }, { label: t.rate, numeric: true },
          { label: t.total, numeric: true }, { label: t.grade, numeric: true }];
      // the self-evaluations keep the sort key they always had
      const key = kind === 'self-evaluation' ? 'projects' : `projects-${kind}`;
      wrap.append(el('h3', { text: `${t.kinds[kind] ?? kind} (${ps.length})` }),
        sortableTable(headers, overview, { class: 'projects', 'data-kind': kind }, t, this.sortKept(key)));
    }
    // the project blocks in batches, each a task of its own
    for (let k = 0; k < all.length; k += 8) this.later.push(() => wrap.append(...all.slice(k, k + 8).map((p) => this.renderProject(p, t))));
    return wrap;
  }

  renderProject(p, t) {
    const en = this.lang === 'en';
    const target = p.kind.endsWith('-target');
    const info = el('dl', { class: 'project-info' });
    const add = (k, v) => { if (v) info.append(el('dt', { text: k }), el('dd', {}, doc(v))); };
    add(t.department, p.department);
    add(t.implementer, p.implementer);
    add(target ? t.goalTarget : t.goalExpected, p.goal_expected);
    add(t.goalActual, p.goal_actual);
    // the funds columns the table prints
    const fcols = ['预算数', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']
      .filter((c) => p.funds.some((f) => f.cells.some((x) => x.column === c)));
    const fundsTable = el('div', { class: 'scroll' }, el('table', { class: 'funds' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t.fundRow }), ...fcols.map((c) => el('th', { scope: 'col' }, std(c, en))))),
      el('tbody', {}, ...p.funds.map((f, k) => el('tr', { class: k === 0 ? 'rate-row' : '' }, el('th', { scope: 'row' }, std(f.name, en)),
        ...fcols.map((c) => {
          const v = f.cells.find((x) => x.column === c)?.value;
          const td = el('td', { class: 'num', tabindex: '-1', text: v === undefined ? '' : c === '执行率' ? `${v}%` : groupDigits(v) });
          this.cells.set(cellKey(p.id, f.name, c), td);
          return td;
        }))))));
    // the indicator columns the table prints (a target has no 实际完成值, 得分 or 扣分; a list
    // of indicators under one 绩效指标 label, Chongqing's, no 一级/二级)
    const has = (f) => p.indicators.some(f);
    const cols = [
      { label: t.level1, show: has((i) => i.level1) }, { label: t.level2, show: has((i) => i.level2) }, { label: t.name, show: true },
      { label: t.direction, show: has((i) => i.direction) }, { label: t.target, show: true },
      { label: t.measure, show: has((i) => i.measure) }, { label: t.actual, show: has((i) => i.actual) },
      { label: t.weight, numeric: true, show: has((i) => i.weight !== null) },
      { label: t.score, numeric: true, show: has((i) => i.score !== null) },
      { label: t.deduction, numeric: true, show: has((i) => i.score !== null) },
      { label: t.deviation, show: has((i) => i.deviation) },
    ];
    const rows = p.indicators.map((i) => {
      const ded = i.weight !== null && i.score !== null ? decSub(i.weight, i.score) : null;
      const deducted = ded !== null && decCmp(ded, '0') > 0;
      const weight = el('td', { class: 'num', tabindex: '-1', text: i.weight ?? '' });
      const score = el('td', { class: 'num', tabindex: '-1', text: i.score ?? '' });
      this.cells.set(cellKey(p.id, i.name, '分值'), weight);
      this.cells.set(cellKey(p.id, i.name, '得分'), score);
      const tds = [el('td', {}, doc(i.level1)), el('td', {}, doc(i.level2)), rowHead(i.name),
        el('td', {}, doc(i.direction)), el('td', {}, doc(i.target)), el('td', {}, doc(i.measure)), el('td', {}, doc(i.actual)), weight, score,
        el('td', { class: 'num', text: deducted ? `−${ded}` : '' }), el('td', { class: 'reason' }, doc(i.deviation))];
      const keys = [i.level1, i.level2, i.name, i.direction, i.target, i.measure, i.actual, i.weight, i.score, ded, i.deviation];
      const tr = el('tr', { class: deducted ? 'deduct' : '' }, ...tds.filter((_, k) => cols[k].show));
      return { tr, keys: keys.filter((_, k) => cols[k].show) };
    });
    const indicators = sortableTable(cols.filter((c) => c.show), rows, { class: 'indicators', 'data-project': p.id }, t, this.sortKept(p.id));
    const weightText = p.total && p.total[0] !== null ? ` / ${p.total[0]}` : '';
    const total = p.total ? `${t.total} ${p.total[1]}${weightText} · ${grade(p.total, t)}` : '';
    const totalSpan = el('span', { class: 'ptotal', text: total });
    this.cells.set(cellKey(p.id, '总分', '分值'), totalSpan);
    this.cells.set(cellKey(p.id, '总分', '得分'), totalSpan);
    const summary = document.createDocumentFragment();
    summary.append(el('span', { class: 'pid', text: p.id }), ' ', el('span', { class: 'pkind', text: t.kinds[p.kind] ?? p.kind }), ' ',
      doc(p.project || p.department), ' ', totalSpan);
    return this.fold(`p:${p.id}`, summary, { class: 'project', 'data-project-block': p.id, 'data-kind': p.kind },
      info, el('h4', { text: t.fundsBlock }), fundsTable, el('h4', { text: t.indicators }), indicators);
  }

  renderAudit(d, t) {
    const lang = this.getAttribute('lang') === 'en' ? 'en' : 'zh';
    const f = d.audit.findings;
    const own = f.filter((x) => x.group !== 'reading');
    const reading = f.filter((x) => x.group === 'reading');
    const count = (s) => own.filter((x) => x.severity === s).length;
    const checks = d.audit.runs.reduce((n, r) => n + r.checked, 0);
    const rules = new Map(d.rules.map((r) => [r.id, r]));
    const summary = t.findings(count('error'), count('warning'), count('info'), checks) + (reading.length ? `${t.colon}${t.readingCount(reading.length)}` : '');
    const wrap = el('div', {}, el('p', { class: 'audit-summary', text: summary }));
    const en = lang === 'en';
    // the table and the value in the reader's language, the row and column as printed
    const cellButton = (c) => el('button', {
      type: 'button', class: c.read === 'uncertain' ? 'link cell-link uncertain' : 'link cell-link',
      title: t.goCell, on: { click: () => this.showCell(c) },
    }, `${/^P\d/.test(c.table) ? c.table : t.table(c.table)} `, /[\u2E80-\u9FFF]/.test(c.row) ? doc(c.row) : c.row,
    c.name && c.name !== c.row ? ' ' : '', c.name && c.name !== c.row ? doc(c.name) : '', ' · ', std(c.column, en),
    ` = ${c.value === null ? t.blank : groupDigits(c.value)}`);
    // a long list of findings a page at a time (FINDINGS_PAGE_SIZE)
    const paged = (list, findings, make) => {
      const pager = pagedList(list, findings, make, t, FINDINGS_PAGE_SIZE);
      if (pager.nav) list.before(pager.nav);
    };
    const item = (x, sev) => {
      const rule = rules.get(x.rule);
      const li = el('li', { class: `finding ${sev}${x.group === 'reading' ? ' reading' : ''}`, 'data-finding': x.rule, 'data-group': x.group },
        el('p', { class: 'message' }, mixed(lang === 'en' ? x.message_en : x.message_zh, en)));
      if (x.cells.length) {
        // a page of the cells it cites; the worker lists at most 1,000 and counts the rest
        const cells = el('ul', { class: 'cells' });
        const pager = pagedList(cells, x.cells, (c) => el('li', {}, cellButton(c)), t, CELLS_PAGE_SIZE);
        li.append(pager.nav ?? '', cells);
        if (x.cells_omitted) li.append(el('p', { class: 'muted', text: t.cellsOmitted(x.cells_omitted) }));
      }
      if (x.sentence) li.append(this.quote(x.sentence, t));
      if (x.consequences.length) {
        li.append(el('p', { class: 'sub', text: t.consequences }), el('ol', { class: 'consequences' }, ...x.consequences.map((c) =>
          el('li', {}, el('span', {}, mixed(lang === 'en' ? c.message_en : c.message_zh, en)),
            c.sentence ? this.quote(c.sentence, t) : null))));
      }
      // the uncertain cells it rests on, where the cells above do not show them (marked ?)
      const listed = new Set(x.cells.map((y) => cellKey(y.table, y.row, y.column)));
      const hidden = x.uncertain.filter((c) => !listed.has(cellKey(c.table, c.row, c.column)));
      if (x.uncertain.length) {
        li.append(el('p', { class: 'sub', text: t.uncertainCells }));
        if (hidden.length) {
          const cells = el('ul', { class: 'cells' });
          const pager = pagedList(cells, hidden, (c) => el('li', {}, cellButton(c)), t, CELLS_PAGE_SIZE);
          li.append(pager.nav ?? '', cells);
        }
      }
      const detail = lang === 'en' ? x.detail_en : x.detail_zh;
      const figures = [
        x.expected !== null ? `${t.expected} ${groupDigits(x.expected)}` : null,
        x.actual !== null ? `${t.printedV} ${groupDigits(x.actual)}` : null,
        x.difference !== null ? `${t.difference} ${groupDigits(x.difference)}` : null,
      ].filter(Boolean).join(' · ');
      if (figures) li.append(el('p', { class: 'figures', text: figures }));
      li.append(el('details', { class: 'formula' }, el('summary', { text: t.ruleFormula }),
        el('p', {}, el('code', { text: x.rule }), ' ', el('span', { class: 'rule' }, rule ? mixed(lang === 'en' ? rule.name_en : rule.name_zh, en) : '')),
        rule ? el('p', { class: 'checks', lang: 'zh', text: rule.checks }) : null,
        detail ? el('pre', { class: 'detail' }, mixed(detail, en)) : null));
      return li;
    };
    for (const sev of ['error', 'warning', 'info']) {
      const group = own.filter((x) => x.severity === sev);
      if (!group.length) continue;
      const list = el('ul', { class: 'findings' });
      wrap.append(el('h3', { class: sev, text: `${t.severity[sev]} (${group.length})` }), list);
      // a page of findings, in a task of its own
      this.later.push(() => paged(list, group, (x) => item(x, sev)));
    }
    if (reading.length) {
      const list = el('ul', { class: 'findings reading-problems' });
      wrap.append(el('h3', { class: 'reading', text: t.reading(reading.length) }), el('p', { class: 'muted', text: t.readingHelp }), list);
      this.later.push(() => paged(list, reading, (x) => item(x, x.severity)));
    }
    const omitted = d.audit.runs.filter((r) => r.omitted > 0);
    if (omitted.length) {
      wrap.append(el('p', { class: 'muted', text: omitted.map((r) => t.omitted(r.rule, r.findings, r.omitted)).join(en ? '; ' : '；') }));
    }
    if (!f.length) wrap.append(el('p', { text: t.noFindings }));
    return wrap;
  }

  /** A cited sentence: a link to it in the narrative, and its text with the words the
   *  finding is about marked (as text nodes: document text never becomes markup). */
  quote(s, t) {
    const text = el('p', { class: 'quote', lang: 'zh' });
    const at = s.highlight ? s.text.indexOf(s.highlight) : -1;
    if (at >= 0) {
      text.append(s.text.slice(0, at), el('mark', { text: s.highlight }), s.text.slice(at + s.highlight.length));
    } else {
      text.textContent = s.text;
    }
    return el('blockquote', {}, el('button', { type: 'button', class: 'link sentence-link',
      title: t.showSentence, on: { click: () => this.showSentence(s) } }, doc(s.section), ` · ${t.line(s.at)}`), text);
  }

  showCell(c) {
    let td = this.cells.get(cellKey(c.table, c.row, c.column));
    if (!td || !td.isConnected) {
      // a row of a long table on another page: turn to it
      const at = this.rowsAt.get(rowKey(c.table, c.row));
      if (at) { at.pager.show(at.index); td = this.cells.get(cellKey(c.table, c.row, c.column)); }
    }
    for (const old of this.root.querySelectorAll('.hl')) old.classList.remove('hl');
    if (!td) return;
    // a cell of a project table is inside its folded block
    const block = td.closest('details');
    if (block) block.open = true;
    td.classList.add('hl');
    td.scrollIntoView({ block: 'center' });
    td.focus({ preventScroll: true });
  }

  /** Opens the folded narrative and scrolls to the sentence (by place, and by text when
   *  several sentences start on one line). */
  showSentence(s) {
    const at = s.at;
    const here = [...this.root.querySelectorAll(`p.sentence[data-at="${at.page}:${at.line}"]`)];
    const p = here.find((x) => x.textContent === s.text) || here[0];
    for (const old of this.root.querySelectorAll('.hl')) old.classList.remove('hl');
    if (!p) return;
    const block = p.closest('details');
    if (block) block.open = true;
    p.classList.add('hl');
    p.scrollIntoView({ block: 'center' });
    p.focus({ preventScroll: true });
  }

  renderTables(d, t) {
    const en = this.lang === 'en';
    const wrap = el('div');
    const ids = ['01', '02', '03', '04', '05', '06', '07', '08', '09'];
    // a table per task
    for (const id of ids) this.later.push(() => {
      const table = d.report.tables.find((x) => x.id === id);
      // the standard name in English, the title as printed
      const title = el('h3', {}, `${t.table(id)} `, en && TABLES_EN[id] ? `${TABLES_EN[id]} · ` : '', table ? doc(table.title) : '',
        table ? paren(stdText(table.unit, en), en) : '');
      if (!table) { wrap.append(title, el('p', { class: 'muted', text: t.missing })); return; }
      if (table.empty || !table.rows.length) { wrap.append(title, el('p', { class: 'muted', text: t.empty })); return; }
      const twoSided = table.sided;
      const head = el('tr', {}, el('th', { scope: 'col', text: t.code }), el('th', { scope: 'col', text: t.item }),
        ...(twoSided ? [el('th', { scope: 'col', text: t.sideHead })] : []), ...table.columns.map((c) => el('th', { scope: 'col' }, std(c, en))));
      const noteId = `uncertain-${id}`;
      const uncertain = table.reads.uncertain > 0;
      const makeRow = (r) => {
        const key = r.code ? r.code.code : r.name;
        const tds = table.columns.map((c) => {
          const cell = r.cells.find((x) => x.column === c);
          const v = cell?.value;
          // how the amount was read; an uncertain one is marked, with its reason as the
          // cell's description (the note under the table) and tooltip
          const read = cell ? cell.read : undefined;
          const doubt = read === 'uncertain';
          const td = el('td', { class: doubt ? 'num uncertain' : 'num', tabindex: '-1', 'data-table': id, 'data-row': key, 'data-column': c,
            'data-read': read, title: doubt ? t.uncertainCell : undefined, 'aria-describedby': doubt ? noteId : undefined,
            text: v === undefined ? '' : groupDigits(v) });
          this.cells.set(cellKey(id, key, c), td);
          // a finding may cite a coded row by its name too
          if (r.code) this.cells.set(cellKey(id, r.name, c), td);
          return td;
        });
        return el('tr', { class: r.code ? `level-${r.code.level}` : 'named' }, el('td', { text: r.code ? r.code.code : '' }),
          rowHead(r.name), ...(twoSided ? [el('td', { class: 'side', text: r.side ? t.side[r.side] : '' })] : []), ...tds);
      };
      // a long table a page at a time; a finding's cell on another page turns to it
      const tbody = el('tbody');
      const pager = pagedList(tbody, table.rows, makeRow, t);
      if (pager.nav) {
        // by code and by name, the first row of each (a finding names a row by either)
        const add = (key, at) => { if (!this.rowsAt.has(key)) this.rowsAt.set(key, at); };
        table.rows.forEach((r, index) => {
          const at = { pager, index };
          if (r.code) add(rowKey(id, r.code.code), at);
          add(rowKey(id, r.name), at);
        });
      }
      wrap.append(title, pager.nav ?? '', el('div', { class: 'scroll' }, el('table', { class: 'report-table', 'data-table': id }, el('thead', {}, head), tbody)));
      if (uncertain) wrap.append(el('p', { class: 'uncertain-legend', id: noteId }, el('span', { class: 'mark', 'aria-hidden': 'true', text: '?' }), ` ${t.uncertainCell}`));
    });
    // folded: the longest part of the page, and printed only when open
    return this.fold('tables', t.openTables, { class: 'tables-block' }, wrap);
  }

  renderNarrative(d, t) {
    const wrap = el('div');
    for (const s of d.report.narrative) {
      wrap.append(el('h3', { lang: 'zh', text: `${s.number}${s.title}` }),
        ...s.sentences.map((x) => el('p', { class: 'sentence', lang: 'zh', tabindex: '-1', 'data-at': `${x.at.page}:${x.at.line}`, text: x.text })));
    }
    if (!d.report.narrative.length) wrap.append(el('p', { class: 'muted', text: t.noData }));
    return this.fold('narrative', t.openNarrative, { class: 'narrative-block' }, wrap);
  }

  renderDownloads(d, t) {
    const base = this.fileName.replace(/\.[^.]*$/, '') || 'report';
    return el('p', { class: 'downloads' },
      el('button', { type: 'button', 'data-download': 'csv', text: t.csv, on: { click: () => this.save(new Blob([d.csv], { type: 'text/csv;charset=utf-8' }), `${base}.facts.csv`) } }),
      el('button', { type: 'button', 'data-download': 'json', text: t.json, on: { click: async () => {
        // made by the worker from the bytes of the report shown (a replaced worker has none)
        const json = await this.parser.reportJson(d.bytes, this.budget());
        if (json) this.save(new Blob([json], { type: 'application/json' }), `${base}.report.json`);
      } } }));
  }

  save(blob, name) {
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    this.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  /** A chart's download name without extension: the core's `file_stem` (部门-年度-图表),
   *  else made the same way; never characters a file system refuses. */
  fileStem(fig) {
    const r = this.data.report;
    const stem = fig.chart.file_stem || [r.department, r.year, fig.chart.title_zh].filter(Boolean).join('-') || fig.kind;
    const level = this.trail(fig).map((i) => i.key);
    return [stem, ...level].join('-').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  }

  /** Downloads draw the chart again with its title, unit and source in the image, as
   *  shown (language, theme, level, bars or treemap). */
  downloadPng(fig) {
    const canvas = document.createElement('canvas');
    drawChart(canvas, fig.chart, { ...this.options(fig), title: true, caption: true, scale: 2 });
    canvas.toBlob((blob) => { if (blob) this.save(blob, `${this.fileStem(fig)}.png`); }, 'image/png');
  }

  downloadSvg(fig) {
    const opts = { ...this.options(fig), title: true, caption: true, scale: 1 };
    this.save(new Blob([chartSvg(fig.chart, opts)], { type: 'image/svg+xml' }), `${this.fileStem(fig)}.svg`);
  }

  /** The level shown as CSV ("download what you see"): name, English name, code, the
   *  series as printed amounts, the share. */
  downloadChartCsv(fig) {
    const en = this.lang === 'en';
    const t = this.t;
    const q = (v) => { const s2 = v === null || v === undefined ? '' : String(v); return /[",\n\r]/.test(s2) ? `"${s2.replace(/"/g, '""')}"` : s2; };
    const shares = new Map(fig.hits.filter((h) => h.share !== undefined && h.share !== null).map((h) => [h.key, String(h.share)]));
    const unit = fig.kind === 'performance' ? '' : paren(stdText(fig.chart.unit, en), en);
    const head = [t.item, 'label_en', t.code, ...fig.chart.series.map((x) => `${en ? x.en : x.zh}${unit}`), ...(shares.size ? [`${t.share} %`] : [])];
    const lines = [head, ...fig.items.map((it) => [it.label, it.label_en ?? '', it.code ?? it.key, ...it.values.map((v) => v ?? ''),
      ...(shares.size ? [shares.get(it.key) ?? ''] : [])])];
    const csv = `\ufeff${lines.map((l) => l.map(q).join(',')).join('\r\n')}\r\n`;
    this.save(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${this.fileStem(fig)}.csv`);
  }
}

if (!customElements.get('juesuan-report')) customElements.define('juesuan-report', JuesuanReport);
