// The PMO dashboard's client: fetches /dashboard/data (the named operation Dashboard, run by the server with
// this page's headers) and renders accessible tables. No framework, no CDN: the page works offline.
'use strict';

const PHASES = ['INITIATING', 'PLANNING', 'EXECUTING', 'CLOSING', 'CLOSED', null];
const RAGS = ['RED', 'AMBER', 'GREEN', null];
const CHECK_LABELS = {
  NO_LEAD: 'No lead', LEAD_NOT_IN_DIRECTORY: 'Lead not in directory', NO_SPONSOR: 'No sponsor', NO_PLANNED_DATES: 'No planned dates',
  PAST_PLANNED_END: 'Past planned end, not closing', NO_TEAM: 'No team', NO_MILESTONES: 'No milestones', NO_REPORT: 'No report', STALE_REPORT: 'Stale report',
};
const label = (v) => (v === null || v === undefined ? 'None' : String(v).charAt(0) + String(v).slice(1).toLowerCase().replace(/_/g, ' '));

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(child === null || child === undefined ? '' : String(child)));
  return node;
}

/** Fills a table (keeping its caption) with a header row and body rows; an empty body says so. */
function fill(table, headers, rows) {
  const caption = table.querySelector('caption');
  table.replaceChildren(...(caption ? [caption] : []));
  table.append(el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : undefined }, h.label || h)))));
  const body = el('tbody');
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: String(headers.length) }, 'None')));
  for (const row of rows) body.append(el('tr', {}, row));
  table.append(body);
}

const link = (url, text) => (url ? el('a', { href: url }, text) : text);

function render(data, department) {
  const p = data.portfolio;
  const dept = department ? (p.byDepartment || []).find((d) => (d.department || '') === department) : null;
  const keep = dept ? new Set(dept.projectKeys) : null;
  const inScope = (key) => !keep || keep.has(key);
  const projects = p.projects.filter((x) => inScope(x.key));

  const summary = document.getElementById('summary');
  const tile = (name, value, id) => el('div', {}, el('dt', {}, name), el('dd', { 'data-metric': id }, value));
  const p1s = (p.operations || []).filter((o) => inScope(o.projectKey)).flatMap((o) => o.openP1Incidents.map((i) => ({ ...i, projectKey: o.projectKey })));
  const stale = p.staleReports.filter((s) => inScope(s.project.key));
  summary.replaceChildren(
    tile('Projects', projects.length, 'projects'),
    tile('Overall RED', projects.filter((x) => x.health && x.health.overall === 'RED').length, 'red'),
    tile('Open P1 incidents', p1s.length, 'p1'),
    tile('Stale reports', stale.length, 'stale'),
    tile('Projects with data issues', dept ? '—' : p.dataQuality.projectsWithIssues, 'quality'),
  );

  fill(
    document.getElementById('heatmap'),
    [{ label: 'Phase' }, ...RAGS.map((r) => ({ label: r ? label(r) : 'Unknown', num: true })), { label: 'Total', num: true }],
    PHASES.map((phase) => {
      const inPhase = projects.filter((x) => (x.phase || null) === phase);
      return [
        el('th', { scope: 'row' }, label(phase)),
        ...RAGS.map((rag) => {
          const n = inPhase.filter((x) => ((x.health && x.health.overall) || null) === rag).length;
          return el('td', { class: n ? `rag-${rag || 'none'}` : 'zero', 'data-phase': phase || 'NONE', 'data-rag': rag || 'NONE' }, n);
        }),
        el('td', { class: 'num', 'data-phase-total': phase || 'NONE' }, inPhase.length),
      ];
    }),
  );

  renderCharts(projects, p.timeline.filter((t) => inScope(t.project.key)));

  fill(
    document.getElementById('timeline'),
    ['When', 'Project', 'Milestone', 'Release date', { label: 'Days', num: true }, 'Progress'],
    p.timeline.filter((t) => inScope(t.project.key)).map((t) => {
      const pr = t.milestone.progress;
      const pct = pr && pr.ratio !== null ? Math.round(pr.ratio * 100) : null;
      return [
        el('td', {}, label(t.bucket)), el('td', {}, t.project.key), el('td', {}, t.milestone.name), el('td', {}, t.milestone.releaseDate),
        el('td', { class: 'num' }, t.daysUntil),
        el('td', {}, pct === null ? 'No issues' : [el('span', { class: 'bar', style: `width:${pct}px`, 'aria-hidden': 'true' }), `${pct}% (${pr.done}/${pr.total})`]),
      ];
    }),
  );

  fill(
    document.getElementById('keyissues'),
    ['Kind', 'Project', 'Issue', 'Record', 'Date'],
    p.keyIssues.filter((k) => inScope(k.project.key)).map((k) => [
      el('td', {}, label(k.kind)), el('td', {}, k.project.key), el('td', {}, k.text), el('td', {}, link(k.url, k.reference)), el('td', {}, k.date || ''),
    ]),
  );

  fill(
    document.getElementById('p1s'),
    ['Incident', 'Project', 'Description', 'Opened'],
    p1s.map((i) => [el('td', {}, link(i.url, i.number)), el('td', {}, i.projectKey), el('td', {}, i.shortDescription), el('td', {}, (i.openedAt || '').slice(0, 10))]),
  );

  fill(
    document.getElementById('staffing'),
    ['Person', { label: 'Active projects', num: true }, { label: 'Open issues', num: true }, { label: 'Allocation %', num: true }, 'Why'],
    (data.staffingConflicts || []).map((c) => [
      el('td', {}, c.person.displayName || c.person.email), el('td', { class: 'num' }, c.allocation.activeProjects), el('td', { class: 'num' }, c.allocation.openIssues),
      el('td', { class: 'num' }, c.allocation.totalAllocation), el('td', {}, c.allocation.reasons.join('; ')),
    ]),
  );

  fill(
    document.getElementById('stale'),
    ['Project', { label: 'Days since last report', num: true }, 'Last report'],
    stale.map((s) => [el('td', {}, `${s.project.key} — ${s.project.name}`), el('td', { class: 'num' }, s.daysSinceLastReport === null ? 'Never' : s.daysSinceLastReport), el('td', {}, s.lastReportDate || '—')]),
  );

  const quality = p.dataQuality.checks.map((c) => {
    const keys = c.projectKeys.filter(inScope);
    return [el('th', { scope: 'row' }, CHECK_LABELS[c.check] || c.check), el('td', { class: 'num', 'data-check': c.check }, keys.length), el('td', {}, keys.join(', '))];
  });
  quality.push([el('th', { scope: 'row' }, 'Tickets linked to unknown project keys'), el('td', { class: 'num', 'data-check': 'UNKNOWN_TICKET_KEYS' }, p.dataQuality.unknownTicketProjectKeys.length), el('td', {}, p.dataQuality.unknownTicketProjectKeys.join(', '))]);
  fill(document.getElementById('quality'), ['Check', { label: 'Projects', num: true }, 'Which'], quality);
}

const RAG_COLOURS = { RED: '#b3261e', AMBER: '#f2b705', GREEN: '#1e7b34', null: '#9e9e9e' };
const charts = {};

/** Draws (or redraws) a Chart.js bar chart; the table beside it is the accessible fallback with the same numbers. */
function chart(id, config) {
  if (!window.Chart) return;
  if (charts[id]) charts[id].destroy();
  charts[id] = new window.Chart(document.getElementById(id), { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
}

function renderCharts(projects, timelineItems) {
  chart('heat-chart', {
    type: 'bar',
    data: {
      labels: PHASES.map(label),
      datasets: RAGS.map((rag) => ({
        label: rag ? label(rag) : 'Unknown',
        backgroundColor: RAG_COLOURS[rag],
        data: PHASES.map((phase) => projects.filter((x) => (x.phase || null) === phase && ((x.health && x.health.overall) || null) === rag).length),
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } },
  });
  const buckets = ['OVERDUE', 'NEXT_30_DAYS', 'NEXT_60_DAYS', 'NEXT_90_DAYS'];
  chart('timeline-chart', {
    type: 'bar',
    data: {
      labels: buckets.map(label),
      datasets: [{ label: 'Milestones', backgroundColor: ['#b3261e', '#0b57d0', '#0b57d0', '#0b57d0'], data: buckets.map((b) => timelineItems.filter((t) => t.bucket === b).length) }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { ticks: { precision: 0 } } } },
  });
}

function fillDepartments(byDepartment, selected) {
  const select = document.getElementById('department');
  const options = (byDepartment || []).filter((d) => d.department).map((d) => el('option', { value: d.department }, `${d.department} (${d.count})`));
  select.replaceChildren(el('option', { value: '' }, 'All departments'), ...options);
  select.value = selected || '';
}

async function load() {
  const form = document.getElementById('filters');
  const status = document.getElementById('status');
  const params = new URLSearchParams();
  for (const box of form.querySelectorAll('input[name=phase]:checked')) params.append('phase', box.value);
  const token = document.getElementById('token').value.trim();
  sessionStorage.setItem('pmo.token', token);
  const headers = {};
  if (token) headers[token.includes('.') ? 'authorization' : 'x-api-key'] = token.includes('.') ? `Bearer ${token.replace(/^Bearer\s+/i, '')}` : token;
  status.textContent = 'Loading…';
  status.className = '';
  try {
    const response = await fetch(`/dashboard/data?${params}`, { headers });
    const body = await response.json();
    if (!body.data || !body.data.portfolio) {
      const first = (body.errors && body.errors[0]) || {};
      throw new Error(`${first.message || 'No data'}${first.extensions && first.extensions.code ? ` (${first.extensions.code})` : ''}`);
    }
    const department = document.getElementById('department').value;
    fillDepartments(body.data.portfolio.byDepartment, department);
    render(body.data, department);
    const partial = (body.errors || []).length ? ` Some parts are missing: ${body.errors.map((e) => e.message).join('; ')}` : '';
    status.textContent = `Portfolio as of ${body.data.portfolio.asOf}.${partial}`;
    document.getElementById('main').hidden = false;
    document.body.dataset.loaded = 'true';
  } catch (error) {
    status.textContent = `Could not load the dashboard: ${error.message}`;
    status.className = 'error';
  }
}

document.getElementById('token').value = sessionStorage.getItem('pmo.token') || '';
document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
load();
