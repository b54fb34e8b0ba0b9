// Runs a Node program (an ES module) as this process's main program, then prints the process's
// peak resident memory on stderr as the last line: "peak-rss BYTES". Plain JavaScript, so no
// loader's own memory is counted. Usage: node bench/peak-rss.mjs PROGRAM [ARGS...]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [program, ...args] = process.argv.slice(2);
if (!program) {
  process.stderr.write('usage: node bench/peak-rss.mjs PROGRAM [ARGS...]\n');
  process.exit(2);
}
process.on('exit', () => {
  // maxRSS is the peak resident set size in kilobytes, kept by the kernel.
  process.stderr.write(`peak-rss ${process.resourceUsage().maxRSS * 1024}\n`);
});
process.argv = [process.argv[0], resolve(program), ...args];
await import(pathToFileURL(resolve(program)).href);
