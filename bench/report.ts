import { Measurement } from './load';
import { Payload, PayloadId } from './payloads';
import { Results } from './results';
import { Case, Group, TARGET_LABELS, caseKey } from './scenarios';
import { Verdict } from './targets';

/** Everything the report says besides the tables: how, where and with what the run was made. */
export interface RunContext {
  readonly title: string;
  readonly facts: readonly string[];
  readonly verdicts: readonly Verdict[];
  /** A chart image beside the report, shown after the targets. */
  readonly chart?: string;
}

/** The whole report as markdown: context, targets, one table per group, what could not be measured. */
export function renderReport(
  ctx: RunContext,
  groups: readonly Group[],
  results: Results,
  payloads: Readonly<Record<PayloadId, Payload>>,
): string {
  const out = [`# ${ctx.title}`, '', ...ctx.facts.map((f) => `- ${f}`), ''];
  out.push('## Targets (issue 12)', '', '| target | measured | verdict |', '|---|---|---|');
  for (const v of ctx.verdicts) out.push(`| ${v.target} | ${cell(v.measured)} | ${v.verdict} |`);
  if (ctx.chart) out.push('', `![rows/s at batch 1 and batch 32, every server](${ctx.chart})`);
  for (const g of groups) {
    out.push('', `## ${g.title}`, '', g.note, '', ...table(g, results, payloads));
    if (g.cases.some((c) => c.probe)) out.push('', ...probeTable(g, results));
  }
  const skipped = new Map<string, { cases: Case[]; reason: string }>();
  for (const c of unique(groups.flatMap((g) => g.cases))) {
    const reason = results.reason(c);
    if (!reason) continue;
    const key = `${c.target}|${reason}`;
    skipped.set(key, { reason, cases: [...(skipped.get(key)?.cases ?? []), c] });
  }
  if (skipped.size > 0) out.push('', '## Not measured', '');
  for (const { cases, reason } of skipped.values()) {
    const conns = new Map<string, number[]>();
    for (const c of cases)
      conns.set(payloads[c.payload].label, [
        ...(conns.get(payloads[c.payload].label) ?? []),
        c.connections,
      ]);
    const what = [...conns].map(([label, n]) => `${label} @${n.join('/')}`).join('; ');
    out.push(`- ${TARGET_LABELS[cases[0].target]} (${what}): ${reason}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * One row per case; a server that could not run at all (see "Not measured") gets no rows and no
 * ratio column, a case it could not answer gets its reason in place of numbers.
 */
function table(
  g: Group,
  results: Results,
  payloads: Readonly<Record<PayloadId, Payload>>,
): string[] {
  const cases = g.cases.filter((c) => results.measured(c.target));
  const ratios = g.ratios.filter((r) =>
    cases.some((c) => results.get(r.numerator(c) ?? c) && r.numerator(c)),
  );
  const head = [
    'server',
    'request',
    'body',
    'conns',
    'req/s',
    'rows/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'non-2xx',
    ...ratios.map((r) => r.label),
  ];
  const rows = cases.map((c) => {
    const m = results.get(c);
    const p = payloads[c.payload];
    const lead = [TARGET_LABELS[c.target], p.label, bytes(p.body.length), String(c.connections)];
    if (!m)
      return [
        ...lead,
        cell(short(results.reason(c))),
        ...Array<string>(5 + ratios.length).fill('—'),
      ];
    const cells = ratios.map((r) => {
      const num = r.numerator(c);
      const n = num && caseKey(num) !== caseKey(c) ? results.get(num) : undefined;
      return n && m.rowsPerSec > 0 ? `${(n.rowsPerSec / m.rowsPerSec).toFixed(2)}×` : '—';
    });
    const errors = m.timeouts > 0 ? `${m.errors} (${m.timeouts} timeouts)` : String(m.errors);
    return [
      ...lead,
      int(m.reqPerSec),
      int(m.rowsPerSec),
      ms(m.p50),
      ms(m.p99),
      errors,
      String(m.non2xx),
      ...cells,
    ];
  });
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
}

function probeTable(g: Group, results: Results): string[] {
  const rows = g.cases
    .map((c): [Case, Measurement | undefined] => [c, results.get(c)])
    .filter((e): e is [Case, Measurement] => e[1]?.probe !== undefined)
    .map(([c, m]) => {
      const p = m.probe;
      return p
        ? `| ${TARGET_LABELS[c.target]} | ${int(m.reqPerSec)} | ${p.count} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.max)} | ${p.errors} |`
        : '';
    });
  return [
    'GET /health/live from the bench process while the load above runs (own keep-alive connection, fixed rate):',
    '',
    '| server | load req/s | probe answers | p50 ms | p99 ms | max ms | probe errors |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

function unique(cases: Case[]): Case[] {
  return [...new Map(cases.map((c) => [caseKey(c), c])).values()];
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  return n < 2 ** 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 2 ** 20).toFixed(1)} MiB`;
}

/** Whole numbers, except small rates (the 4 MiB cases) which keep one decimal. */
function int(v: number): string {
  return v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US');
}

function ms(v: number): string {
  return Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '—';
}

/** Reasons read `short — details`; the table shows the short part, "Not measured" the whole. */
function short(reason: string | undefined): string {
  return (reason ?? 'not run').split(' — ')[0];
}

/** Table cells cannot hold pipes or newlines. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
