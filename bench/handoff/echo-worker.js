// The postMessage candidate of `npm run bench:handoff`: an event-loop thread answering each message.
const { parentPort } = require('node:worker_threads');

parentPort.on('message', (m) => parentPort.postMessage(m));
