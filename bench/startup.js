// `npm run bench:startup`: time from process start to /v2/health/ready = 200 on the bundled
// models, and resident memory at that moment and after 2000 sequential iris requests.
// Rounds: 3 (BENCH_ROUNDS to change). Needs a build (npm run build).
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const PORT = 18181;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const rssMiB = (pid) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);

async function round() {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ORT_DISABLE_TELEMETRY: '1',
      SHUTDOWN_DELAY_SECONDS: '0',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${PORT}/v2/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (performance.now() - t0 > 30000) throw new Error('not ready after 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    const readyMs = Math.round(performance.now() - t0);
    const atReady = rssMiB(child.pid);
    const body = JSON.stringify({
      inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP32', data: [5.1, 3.5, 1.4, 0.2] }],
    });
    for (let i = 0; i < 2000; i++) {
      const res = await fetch(`http://127.0.0.1:${PORT}/v2/models/iris/infer`, {
        method: 'POST',
        body,
      });
      if (res.status !== 200) throw new Error(`infer answered ${res.status}`);
      await res.arrayBuffer();
    }
    return { readyMs, atReady, afterLoad: rssMiB(child.pid) };
  } finally {
    // The next round binds the same port: wait for this server to exit.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

(async () => {
  console.log(
    '| round | ready (ms) | RSS at ready (MiB) | RSS after 2000 requests (MiB) |\n|---|---|---|---|',
  );
  for (let i = 1; i <= ROUNDS; i++) {
    const r = await round();
    console.log(`| ${i} | ${r.readyMs} | ${r.atReady} | ${r.afterLoad} |`);
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
