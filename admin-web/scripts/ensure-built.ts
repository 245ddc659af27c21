import { ensureBuilt } from '../test/build.ts';

/** `npm start` runs this first: a fresh checkout has no admin-web/dist, and a stale one is rebuilt. */
const started = performance.now();
await ensureBuilt();
const ms = Math.round(performance.now() - started);
if (ms > 1000) process.stdout.write(`admin-web built in ${ms} ms\n`);
