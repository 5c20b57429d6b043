// The demo page around <juesuan-report>: open or drop a file, switch the language.
import './juesuan-report.js';

const report = document.getElementById('report');
const input = document.getElementById('file');
const langButton = document.getElementById('lang');

input.addEventListener('change', () => {
  if (input.files && input.files[0]) report.load(input.files[0]);
  input.value = '';
});

document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dropping'); });
document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dropping');
  const file = e.dataTransfer && e.dataTransfer.files[0];
  if (file) report.load(file);
});

function setLang(lang) {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  report.setAttribute('lang', lang);
  for (const node of document.querySelectorAll('[data-zh]')) node.textContent = node.dataset[lang];
  langButton.textContent = lang === 'en' ? '中文' : 'English';
  langButton.lang = lang === 'en' ? 'zh' : 'en';
}
langButton.addEventListener('click', () => setLang(report.getAttribute('lang') === 'en' ? 'zh' : 'en'));
