/**
 * Redraws bench/results-chart.svg from the batch-1 and batch-32 tables of a report that
 * `npm run bench` wrote (default bench/RESULTS.md), so a change to the chart's look needs no new
 * nine-minute run. Usage: `npm run bench:chart [-- <report.md>]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChartBar, renderBars } from './results-chart';

/** Report section headings (as the bench writes them) and the chart panel each one feeds. */
const SECTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^## MLP \(.*\), V2 JSON, batch 1$/, 'MLP, V2 JSON, batch 1'],
  [/^## MLP, V2 JSON, batch 32$/, 'MLP, V2 JSON, batch 32'],
];

/** The bars of every charted section: server, connections and rows/s of each table row. */
export function barsOf(report: string): ChartBar[] {
  const bars: ChartBar[] = [];
  let panel: string | undefined;
  for (const line of report.split('\n')) {
    if (line.startsWith('## ')) panel = SECTIONS.find(([re]) => re.test(line))?.[1];
    if (!panel || !line.startsWith('| ') || line.startsWith('| server') || line.startsWith('| ---'))
      continue;
    const cells = line.split('|').map((c) => c.trim());
    // | server | request | body | conns | req/s | rows/s | …
    const [, server, , , conns, , rows] = cells;
    bars.push({
      panel,
      server,
      connections: `${conns} conn.`,
      rows: Math.round(Number(rows.replace(/,/g, ''))),
    });
  }
  return bars;
}

async function main(): Promise<void> {
  const report = process.argv[2] ?? join(__dirname, 'RESULTS.md');
  const bars = barsOf(readFileSync(report, 'utf8'));
  if (bars.length === 0) throw new Error(`${report}: no batch-1 or batch-32 table`);
  const out = join(__dirname, 'results-chart.svg');
  writeFileSync(out, await renderBars(bars));
  console.log(`${bars.length} bars from ${report} → ${out}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
