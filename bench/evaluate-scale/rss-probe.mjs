// Preloaded into a measured process: prints its peak RSS (KiB, as getrusage reports it) when it exits.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nbench-maxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
