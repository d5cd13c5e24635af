import type { ServerMetadata } from '../../clients/typescript/src/index.js';
import { errorBox, h, show, table } from './dom.js';
import { ModelRow, modelRows } from './model-rows.js';
import { describe, Session } from './session.js';

/** The models view: every model version with its state, the reason for any not READY, admin actions. */
export async function modelsView(
  root: Element,
  session: Session,
  server: ServerMetadata,
): Promise<void> {
  const repositoryApi = server.extensions.includes('model_repository');
  const status = h('p', { class: 'status', role: 'status' });
  const render = async (): Promise<void> => {
    const useIndex = repositoryApi && sessionStorage.getItem('perch-admin-token') !== null;
    const rows = await session.call((c) => modelRows(c, useIndex));
    const head = ['Model', 'Version', 'State', 'Reason', ...(repositoryApi ? ['Actions'] : [])];
    const body = rows.map((r) => [
      h('a', { href: `#/models/${encodeURIComponent(r.name)}` }, r.name),
      r.version,
      h('span', { class: `state state-${r.state.toLowerCase()}` }, r.state),
      r.reason,
      ...(repositoryApi ? [actions(r)] : []),
    ]);
    show(
      root,
      h('h1', {}, 'Models'),
      status,
      table(head, body, { id: 'models' }),
      repositoryApi
        ? h(
            'p',
            { class: 'hint' },
            'The repository API is on: load and unload ask for the admin token.',
          )
        : h(
            'p',
            { class: 'hint' },
            'The repository API is off (MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true turns it on).',
          ),
    );
  };
  const act = async (verb: 'load' | 'unload', name: string): Promise<void> => {
    status.textContent = `${verb === 'load' ? 'Loading' : 'Unloading'} ${name}…`;
    try {
      await session.admin((c) => (verb === 'load' ? c.loadModel(name) : c.unloadModel(name)));
      await render();
      status.textContent = `${name}: ${verb}ed`;
    } catch (e) {
      status.replaceChildren(errorBox(describe(e)));
    }
  };
  const actions = (r: ModelRow): HTMLElement =>
    h(
      'span',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          'data-action': 'load',
          'data-model': r.name,
          onclick: () => void act('load', r.name),
        },
        r.state === 'UNAVAILABLE' && r.reason === 'unloaded' ? 'Load' : 'Reload',
      ),
      r.state === 'UNAVAILABLE' && r.reason === 'unloaded'
        ? null
        : h(
            'button',
            {
              type: 'button',
              'data-action': 'unload',
              'data-model': r.name,
              onclick: () => void act('unload', r.name),
            },
            'Unload',
          ),
    );
  try {
    await render();
  } catch (e) {
    show(root, h('h1', {}, 'Models'), errorBox(describe(e)));
  }
}
