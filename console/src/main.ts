import { errorBox, h, show } from './dom.js';
import { modelView } from './model-view.js';
import { modelsView } from './models-view.js';
import { describe, Session } from './session.js';

/**
 * The console: `#/` lists the models, `#/models/<name>` shows one. Everything it shows comes
 * from the server's public API through perch-client, with the tab's keys.
 */
const session = new Session();
const app = document.getElementById('app') as HTMLElement;
const serverLine = document.getElementById('server') as HTMLElement;
let leave: (() => void) | undefined;

async function route(): Promise<void> {
  leave?.();
  leave = undefined;
  try {
    const server = await session.call((c) => c.serverMetadata());
    serverLine.textContent = `${server.name} ${server.version} · ${server.extensions.join(', ')}`;
    const match = /^#\/models\/([^/]+)$/.exec(location.hash);
    if (match) leave = await modelView(app, session, decodeURIComponent(match[1]));
    else await modelsView(app, session, server);
  } catch (e) {
    show(app, h('h1', {}, 'Perch'), errorBox(describe(e)));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
