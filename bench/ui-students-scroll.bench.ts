import { entryUrl } from '../test/e2e/support/serve-renderer';
import { median, type Benchmark } from './harness';
import { progress, repeat, traced, uiSchool } from './ui-harness';

/** Pixels scrolled a frame: about ten rows, a brisk flick through the list. */
const STEP = 440;

interface Scrolled {
  deltas: number[];
  long: number[];
  loaf: boolean;
  height: number;
  reachedEnd: boolean;
}

/**
 * Frames over 50 ms while the Students list (every student of the 5,000-student school,
 * virtualised) is scrolled from top to bottom, a step each frame; frame lengths are the
 * page's requestAnimationFrame deltas. Chromium's long-animation-frame entries are counted
 * beside them in the notes. The median over several whole scrolls.
 */
export const uiStudentsScroll5k: Benchmark = {
  name: 'ui.students.scroll.5k',
  unit: 'frames > 50 ms, median',
  target: '0',
  meets: (v) => v === 0,
  async run() {
    const school = await uiSchool();
    const page = await school.newPage();
    try {
      await page.goto(`${entryUrl}#/students`);
      await page
        .locator('.student-scroll tbody tr[data-index]')
        .first()
        .waitFor({ timeout: 60_000 });
      const rows = await page.locator('.student-table').getAttribute('aria-rowcount');
      const runs: Scrolled[] = [];
      await traced(page, 'ui.students.scroll.5k', () =>
        repeat(5, 1, async () => {
          const r = (await page.evaluate(`window.__benchProbe.scroll(${STEP})`)) as Scrolled;
          runs.push(r);
          await page.evaluate('document.querySelector(".student-scroll").scrollTop = 0');
          return 0;
        }),
      );
      school.checkPages();
      if (runs.some((r) => !r.reachedEnd))
        throw new Error('the Students list stopped scrolling short of its end');
      const measured = runs.slice(1);
      const over = measured.map((r) => r.deltas.filter((d) => d > 50).length);
      const longOver = measured.map((r) => r.long.filter((d) => d > 50).length);
      const frames = measured.flatMap((r) => r.deltas);
      const worst = Math.max(...frames);
      const result = {
        value: median(over),
        notes:
          `${Number(rows) - 1} rows, ${measured[0]?.deltas.length ?? 0} frames a scroll; ` +
          `over 50 ms per run ${over.join(', ')}; median frame ${median(frames).toFixed(1)} ms, ` +
          `worst ${worst.toFixed(0)} ms; ` +
          (measured[0]?.loaf
            ? `long-animation-frame entries > 50 ms per run ${longOver.join(', ')}`
            : 'no long-animation-frame support'),
      };
      progress(this.name, result.value, result.notes);
      return result;
    } finally {
      await page.close();
    }
  },
};
