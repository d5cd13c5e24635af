// The Atomics candidate of `npm run bench:handoff`: a thread that sleeps in Atomics.wait instead
// of its event loop, reads every queued message with receiveMessageOnPort, and answers each.
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');

const flag = new Int32Array(workerData.signal);
let seen = 0;
for (;;) {
  Atomics.wait(flag, 0, seen);
  seen = Atomics.load(flag, 0);
  for (
    let m = receiveMessageOnPort(workerData.port);
    m;
    m = receiveMessageOnPort(workerData.port)
  ) {
    if (m.message === 'stop') process.exit(0);
    parentPort.postMessage(m.message);
  }
}
