import { entryUrl } from '../test/e2e/support/serve-renderer';
import { median, type Benchmark } from './harness';
import { backendShare, listRuns, progress, repeat, traced, uiSchool } from './ui-harness';

/**
 * From navigating to the home page to a usable dashboard (its tier cards painted, every figure
 * computed by the backend) on the 5,000-student demo school with its champion live. Each run
 * loads the app afresh (no cached answers); the page's own clock times it from the
 * navigation's start. Needs `npm run build` first.
 */
export const uiHome5k: Benchmark = {
  name: 'ui.home.5k',
  unit: 'ms median',
  target: '<= 1000',
  meets: (v) => v <= 1000,
  async run() {
    const school = await uiSchool();
    const page = await school.newPage();
    try {
      school.takeTimings();
      const times = await traced(page, 'ui.home.5k', () =>
        repeat(9, 2, async () => {
          await page.goto('about:blank');
          await page.goto(`${entryUrl}#/`);
          return (await page.evaluate('window.__benchProbe.home')) as number;
        }),
      );
      school.checkPages();
      const backend = backendShare(school.takeTimings(), ['dashboard', 'getSchool']);
      const result = {
        value: median(times),
        notes: `${school.scored} students scored; ${listRuns(times)}; backend medians: ${backend}`,
      };
      progress(this.name, result.value, result.notes);
      return result;
    } finally {
      await page.close();
    }
  },
};
