// axe-core in the page, and the checks axe does not make: one h1, no skipped heading levels.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser.mjs';

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'tools/node_modules/axe-core/axe.min.js'), 'utf8');

// WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

// A context for axe: the app's meta CSP (script-src 'self') would refuse the injected axe
// script, so these contexts bypass it; csp.test.mjs checks the app under its real CSP.
export async function axeContext(browser, { colorScheme = 'light', width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width, height } });
  return context;
}

export async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

// Runs axe on the whole document; returns its violations (empty when the page passes).
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, TAGS);
}

// Violations as readable text: rule, impact, what it means, then each element and why.
export function describe(violations) {
  return violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.slice(0, 8).map((n) => `    - ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`),
    v.nodes.length > 8 ? `    … and ${v.nodes.length - 8} more` : '',
  ].filter(Boolean).join('\n')).join('\n');
}

// Heading outline problems: not exactly one h1, or a level skipped going down (h2 -> h4).
// Headings hidden from everyone (display: none, aria-hidden) do not count; visually hidden ones do.
export async function headingProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const shown = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) =>
      h.getClientRects().length > 0 && !h.closest('[aria-hidden="true"]'));
    const levels = shown.map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 40) }));
    const ones = levels.filter((h) => h.level === 1).length;
    if (ones !== 1) problems.push(`${ones} h1 elements (want exactly one)`);
    if (levels.length && levels[0].level !== 1) problems.push(`the first heading is h${levels[0].level} "${levels[0].text}"`);
    for (let i = 1; i < levels.length; i++) {
      if (levels[i].level > levels[i - 1].level + 1) {
        problems.push(`h${levels[i - 1].level} "${levels[i - 1].text}" is followed by h${levels[i].level} "${levels[i].text}"`);
      }
    }
    return problems;
  });
}
