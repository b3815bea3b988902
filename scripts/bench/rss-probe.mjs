// Loaded with `node --import` into a measured process: at exit it writes the process's peak
// resident memory (bytes) to the file named by BENCH_RSS_FILE. Used only by scripts/bench.mjs.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes.
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
