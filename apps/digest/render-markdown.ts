import type { DigestView } from './digest.view';

/** Markdown for email and chat: GitHub-flavoured tables, pipes and line breaks in cells escaped. */

const cell = (value: string) => value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(view: DigestView): string {
  const out: string[] = [`# ${view.title}: ${view.period}`, '', `As of ${view.asOf}.`, ''];
  for (const w of view.warnings) out.push(`> **Incomplete:** ${cell(w)}`, '');
  out.push(view.headline.map((h) => `**${h.label}:** ${h.value}`).join(' · '), '');
  for (const section of view.sections) {
    out.push(`## ${section.title}`, '', section.lead, '');
    if (section.table && section.table.rows.length) {
      out.push(`| ${section.table.columns.map(cell).join(' | ')} |`, `|${section.table.columns.map(() => ' --- ').join('|')}|`);
      for (const row of section.table.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}
