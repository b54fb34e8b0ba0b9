/**
 * `npm run bench [-- --json] [-- --only PATTERN]`: runs every benchmark and prints a table, or one
 * JSON object per line: {"name","value","unit","target","ratio"?}. Benchmarks live here, never in
 * the tests: tests do not assert on wall-clock time.
 */
import { parseArgs } from 'node:util';
import { runAfterBenchmarks, tableLines } from './harness';
import { benchmarks } from './list';

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, only: { type: 'string' } },
  strict: true,
});
const pattern = values.only ? new RegExp(values.only) : null;
const selected = benchmarks.filter((b) => !pattern || pattern.test(b.name));
if (selected.length === 0) {
  console.error(
    `No benchmark matches ${values.only}. Known: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}

const rows: string[][] = [];
let failures = 0;
for (const bench of selected) {
  const r = await bench.run();
  const met = bench.meets(r.value, r.ratio);
  if (!met) failures++;
  if (values.json) {
    const line: Record<string, unknown> = {
      name: bench.name,
      value: Number(r.value.toPrecision(4)),
      unit: bench.unit,
      target: bench.target,
    };
    if (r.ratio !== undefined) line.ratio = Number(r.ratio.toPrecision(3));
    console.log(JSON.stringify(line));
  } else {
    rows.push([
      bench.name,
      r.value.toPrecision(4),
      bench.unit,
      bench.target,
      r.ratio === undefined ? '' : `${r.ratio.toPrecision(3)}${r.ratioOf ? ` ${r.ratioOf}` : ''}`,
      met ? 'met' : 'MISSED',
      r.notes ?? '',
    ]);
  }
}
// What several benchmarks shared (a browser, a backend) is closed once they have all run.
await runAfterBenchmarks();

if (!values.json) {
  const header = ['benchmark', 'value', 'unit', 'target', 'ratio', 'status', 'notes'];
  for (const line of tableLines(header, rows)) console.log(line);
  if (failures) console.log(`\n${failures} benchmark(s) missed their target.`);
}
