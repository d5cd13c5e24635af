import { errorBox, facts, h, show, table } from './dom.js';
import { describe, Session } from './session.js';
import { Sample, statsTable } from './stats-panel.js';
import { tryItForm } from './try-it.js';

/** How often the statistics are read while the view is open, in ms. */
const POLL_MS = 2000;

/**
 * One model: metadata, effective config, live statistics and a try-it form. Resolves with a
 * function that stops the polling, called when the view is left.
 */
export async function modelView(
  root: Element,
  session: Session,
  name: string,
): Promise<() => void> {
  const back = h('a', { href: '#/' }, '← Models');
  try {
    const [meta, config] = await Promise.all([
      session.call((c) => c.modelMetadata(name)),
      session.call((c) => c.modelConfig(name)),
    ]);
    const stats = h('div', { id: 'stats-panel' });
    const previous = new Map<string, Sample>();
    const refresh = async (): Promise<void> => {
      try {
        const s = await session.call((c) => c.modelStatistics(name));
        stats.replaceChildren(statsTable(s.model_stats, previous, Date.now()));
      } catch (e) {
        stats.replaceChildren(errorBox(describe(e)));
      }
    };
    const tensors = (list: typeof meta.inputs) =>
      table(
        ['Name', 'Datatype', 'Shape'],
        list.map((t) => [t.name, t.datatype, JSON.stringify(t.shape)]),
      );
    show(
      root,
      back,
      h('h1', {}, meta.name),
      facts([
        ['Platform', meta.platform],
        ['Versions', (meta.versions ?? []).join(', ')],
      ]),
      h('h2', {}, 'Inputs'),
      tensors(meta.inputs),
      h('h2', {}, 'Outputs'),
      tensors(meta.outputs),
      h('h2', {}, 'Statistics'),
      stats,
      h('h2', {}, 'Try it'),
      tryItForm(session, meta, () => void refresh()),
      h(
        'details',
        {},
        h('summary', {}, 'Effective config'),
        h('pre', { id: 'config' }, JSON.stringify(config, null, 2)),
      ),
    );
    await refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  } catch (e) {
    show(root, back, h('h1', {}, name), errorBox(describe(e)));
    return () => undefined;
  }
}
