// The demo page around <juesuan-report>: open or drop a file (two to compare them), compare
// with a second file, switch the language, skip to
// the report. The element keeps its view (and the language) in the URL hash (`hash`).
import './juesuan-report.js';

const report = document.getElementById('report');
const input = document.getElementById('file');
const compareInput = document.getElementById('compare');
const langButton = document.getElementById('lang');

input.addEventListener('change', () => {
  if (input.files && input.files[0]) report.load(input.files[0]);
  input.value = '';
});

compareInput.addEventListener('change', () => {
  if (compareInput.files && compareInput.files[0]) report.compareWith(compareInput.files[0]);
  compareInput.value = '';
});

document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dropping'); });
document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dropping');
  const files = (e.dataTransfer && e.dataTransfer.files) || [];
  // two files: the first shown, compared with the second
  if (files[0]) report.load(files[0]).then(() => { if (files[1] && report.data) report.compareWith(files[1]); });
});

/** The page's own strings follow the element's language (set here, or restored by the
 *  element from a link). */
function showLang(lang) {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const node of document.querySelectorAll('[data-zh]')) node.textContent = node.dataset[lang];
  langButton.textContent = lang === 'en' ? '中文' : 'English';
  langButton.lang = lang === 'en' ? 'zh' : 'en';
}
new MutationObserver(() => showLang(report.getAttribute('lang') === 'en' ? 'en' : 'zh'))
  .observe(report, { attributes: true, attributeFilter: ['lang'] });
showLang(report.getAttribute('lang') === 'en' ? 'en' : 'zh');
langButton.addEventListener('click', () => report.setAttribute('lang', report.getAttribute('lang') === 'en' ? 'zh' : 'en'));

// the skip link moves the focus into the report (its hash is an anchor, not a view)
document.querySelector('a.skip').addEventListener('click', (e) => {
  e.preventDefault();
  report.focusContent();
});
