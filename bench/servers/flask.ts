import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from '../apt';
import { BenchModels } from '../bench-models';
import { BENCH_DIR, BenchSettings, ROOT, WORK_DIR } from '../settings';
import { RunningServer, fetchReply, freePort, spawnServer } from './child-server';

/** Debian's interpreter, where Debian's packages install: not whatever `python3` is first on PATH. */
const PYTHON = '/usr/bin/python3';
const PACKAGES = ['python3-flask', 'gunicorn', 'python3-sklearn'];
const BASELINES = join(BENCH_DIR, 'baselines');
/**
 * Two sync workers, one per core of this 2-core machine; gunicorn's usual (2 × cores) + 1 would
 * oversubscribe cores that the load generator needs too.
 */
const WORKERS = 2;

export type FlaskSetup =
  | { readonly ok: true; readonly pickles: string; readonly versions: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Makes the seed recipe runnable: the Debian packages (installed with apt-get when missing and
 * running as root), then one scikit-learn pickle per MLP from the weights the bench exported.
 */
export function prepareFlask(models: BenchModels, settings: BenchSettings): FlaskSetup {
  if (settings.flask === 'off') return { ok: false, reason: 'skipped — BENCH_FLASK=off' };
  const missing = ensureDebianPackages(PACKAGES, hasPackages);
  if (missing) return { ok: false, reason: `skipped — ${missing}` };
  const pickles = join(WORK_DIR, 'sklearn');
  mkdirSync(pickles, { recursive: true });
  for (const name of ['mlp', 'mlp_large']) {
    const r = python([
      join(BASELINES, 'pickle_mlp.py'),
      join(models.weightsDir, name),
      join(pickles, `${name}.pkl`),
    ]);
    if (r.status !== 0)
      return { ok: false, reason: `skipped — pickling ${name} failed: ${String(r.stderr).trim()}` };
  }
  const versions = python(['-c', VERSIONS]).stdout?.toString().trim() ?? '';
  return { ok: true, pickles, versions };
}

const VERSIONS =
  'from importlib.metadata import version as v; import sys; print(f\'Python {sys.version.split()[0]}, Flask {v("flask")}, ' +
  'scikit-learn {v("scikit-learn")}, numpy {v("numpy")}, gunicorn {v("gunicorn")}\')';

/** gunicorn with 2 sync workers, BLAS held to one thread each so the workers do not oversubscribe the cores. */
export async function startFlask(pickles: string): Promise<RunningServer> {
  const url = `http://127.0.0.1:${await freePort()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_PICKLES: pickles,
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  const args = ['-m', 'gunicorn', '--workers', String(WORKERS), '--worker-class', 'sync'];
  return spawnServer({
    name: 'Flask + gunicorn',
    command: PYTHON,
    args: [
      ...args,
      '--bind',
      url.slice('http://'.length),
      '--preload',
      '--chdir',
      BASELINES,
      'flask_app:app',
    ],
    cwd: ROOT,
    env,
    readyFrom: async () =>
      (await fetchReply(`${url}/health/live`)).status === 200 ? url : undefined,
  });
}

export const FLASK_WORKERS = WORKERS;

function hasPackages(): boolean {
  return python(['-c', 'import flask, sklearn, gunicorn']).status === 0;
}

function python(args: string[]): ReturnType<typeof spawnSync> {
  const env = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  return spawnSync(PYTHON, args, { env, timeout: 120_000 });
}
