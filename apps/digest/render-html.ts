import type { DigestView } from './digest.view';

/** A self-contained page fit to print (A4, no scripts, no external assets): what a director opens or prints. */

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  @page { size: A4; margin: 16mm 14mm; }
  body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
  h2 { font-size: 1.15rem; margin: 1.6rem 0 .3rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; break-after: avoid; }
  .meta { color: #57606a; margin: 0 0 1rem; }
  .headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .5rem; margin: 1rem 0; padding: 0; list-style: none; }
  .headline li { border: 1px solid #d0d7de; border-radius: 6px; padding: .4rem .6rem; }
  .headline b { display: block; font-size: 1.4rem; }
  table { border-collapse: collapse; width: 100%; font-size: 10pt; }
  th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #eaeef2; }
  th { background: #f6f8fa; }
  tr { break-inside: avoid; }
  .warning { border-left: 4px solid #bf8700; background: #fff8c5; padding: .4rem .6rem; }
  @media print { body { margin: 0; max-width: none; } .headline li { border-color: #999; } }
`;

export function renderHtml(view: DigestView): string {
  const sections = view.sections
    .map((s) => {
      const table =
        s.table && s.table.rows.length
          ? `<table><thead><tr>${s.table.columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
              .map((r) => `<tr>${r.map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`)
              .join('')}</tbody></table>`
          : '';
      return `<section id="${escape(s.id)}" aria-labelledby="${escape(s.id)}-title"><h2 id="${escape(s.id)}-title">${escape(s.title)}</h2><p>${escape(s.lead)}</p>${table}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`${view.title}: ${view.period}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escape(view.title)}</h1>
<p class="meta">${escape(view.period)} · as of ${escape(view.asOf)}</p>
${view.warnings.map((w) => `<p class="warning" role="alert">Incomplete: ${escape(w)}</p>`).join('\n')}
<ul class="headline">${view.headline.map((h) => `<li data-metric="${escape(h.label)}"><b>${escape(h.value)}</b>${escape(h.label)}</li>`).join('')}</ul>
${sections}
</main>
</body>
</html>
`;
}
