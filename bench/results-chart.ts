import { Results } from './results';
import { Case, Group, TARGET_LABELS } from './scenarios';

/** The chart's groups: batch 1 and batch 32 over every server measured, side by side. */
const CHARTED: Readonly<Record<string, string>> = {
  'mlp-b1': 'MLP, V2 JSON, batch 1',
  'mlp-b32': 'MLP, V2 JSON, batch 32',
};

/**
 * rows/s of the batch-1 and batch-32 groups as one SVG bar chart (vega-lite compiled and
 * rendered by vega in this process: no native code, no browser), one panel per batch size, a
 * bar per server and connection count. Undefined when neither group was measured.
 */
export async function renderChart(
  groups: readonly Group[],
  results: Results,
): Promise<string | undefined> {
  const values: ChartBar[] = groups
    .filter((g) => CHARTED[g.id])
    .flatMap((g) =>
      g.cases.flatMap((c: Case) => {
        const m = results.get(c);
        return m
          ? [
              {
                panel: CHARTED[g.id],
                server: TARGET_LABELS[c.target],
                connections: `${c.connections} conn.`,
                rows: Math.round(m.rowsPerSec),
              },
            ]
          : [];
      }),
    );
  return values.length === 0 ? undefined : renderBars(values);
}

/** One bar of the chart: a server's rows/s at one connection count, in one panel. */
export interface ChartBar {
  readonly panel: string;
  readonly server: string;
  readonly connections: string;
  readonly rows: number;
}

/** The bars as an SVG: one panel per batch size, bars grouped by server, coloured by connections. */
export async function renderBars(values: readonly ChartBar[]): Promise<string> {
  // Both packages ship CommonJS builds in their 5.x lines; required lazily, only by the bench.
  const vl = (await import('vega-lite')) as typeof import('vega-lite');
  const vega = (await import('vega')) as typeof import('vega');
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values: [...values] },
    facet: { column: { field: 'panel', type: 'nominal', title: null } },
    spec: {
      // A step per bar: a fixed width with xOffset leaves the bars a fraction of a pixel wide.
      width: { step: 20 },
      height: 260,
      mark: 'bar',
      encoding: {
        x: { field: 'server', type: 'nominal', title: null, axis: { labelAngle: -35 } },
        xOffset: { field: 'connections', type: 'nominal' },
        y: { field: 'rows', type: 'quantitative', title: 'rows/s' },
        color: { field: 'connections', type: 'nominal', title: 'connections' },
        tooltip: [{ field: 'rows', type: 'quantitative' }],
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  return view.toSVG();
}
