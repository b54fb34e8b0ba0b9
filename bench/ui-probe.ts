/**
 * The UI benchmarks' stopwatch, run in the page before the app (`page.addInitScript`). Plain
 * JavaScript in a string, so no bundler helper leaks into the page, and called by Node with
 * string expressions (`page.evaluate("__benchProbe…")`), which the page's CSP allows where
 * `eval` would not. Times come from the page's own clock: an event's `timeStamp` and
 * `performance.now()` share its origin, so Playwright's round trips are never counted.
 *
 * - `home`: ms from the navigation's start to the dashboard's tier cards, painted (set when a
 *   document loads at `#/`).
 * - `arm(type, key, check)`: starts at the next `type` event (with `key` for keyboard events)
 *   and resolves with the ms to when `check` holds at a DOM change and the frame after is
 *   painted (a frame, then a task).
 * - `scroll(step)`: scrolls the Students list from top to bottom by `step` px a frame and
 *   answers every frame's length (requestAnimationFrame deltas) and the long-animation-frame
 *   entries Chromium reported meanwhile.
 */
export const uiProbeScript = String.raw`(() => {
  const checks = {
    home: () => document.querySelector('.tier-cards li') !== null,
    profile: () =>
      location.hash.startsWith('#/students/') &&
      document.querySelector('.risk-chart canvas') !== null &&
      document.getElementById('profile-attendance') !== null &&
      document.getElementById('profile-marks') !== null &&
      document.getElementById('profile-incidents') !== null &&
      document.getElementById('profile-interventions') !== null,
    registerSaved: () => {
      const s = document.querySelector('.register .form-actions [role=status]');
      return s !== null && s.textContent.trim() !== '';
    },
  };
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const when = (check, ready) =>
    new Promise((resolve) => {
      if (ready() && check()) return resolve();
      const observer = new MutationObserver(() => {
        if (ready() && check()) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true });
    });
  const probe = {
    home: null,
    result: null,
    arm(type, key, name) {
      let start = null;
      const onEvent = (e) => {
        if (start === null && (!key || e.key === key)) start = e.timeStamp;
      };
      document.addEventListener(type, onEvent, true);
      probe.result = when(checks[name], () => start !== null)
        .then(painted)
        .then(() => {
          document.removeEventListener(type, onEvent, true);
          return performance.now() - start;
        });
    },
    scroll(step) {
      const el = document.querySelector('.student-scroll');
      if (!el) return Promise.reject(new Error('no Students list on the page'));
      const long = [];
      let observer = null;
      if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
        observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) long.push(e.duration);
        });
        observer.observe({ type: 'long-animation-frame' });
      }
      return new Promise((resolve) => {
        const deltas = [];
        let last = null;
        let lastTop = -1;
        let stuck = 0;
        const frame = (t) => {
          if (last !== null) deltas.push(t - last);
          last = t;
          // A list that stops moving short of its end would otherwise scroll for ever.
          stuck = el.scrollTop === lastTop ? stuck + 1 : 0;
          lastTop = el.scrollTop;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1 || stuck > 30) {
            // One more frame, so the last rows' render is counted too.
            requestAnimationFrame((t2) => {
              deltas.push(t2 - last);
              setTimeout(() => {
                if (observer) observer.disconnect();
                resolve({
                  deltas,
                  long,
                  loaf: observer !== null,
                  height: el.scrollHeight,
                  reachedEnd: stuck <= 30,
                });
              }, 100);
            });
            return;
          }
          el.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    },
  };
  if (location.hash === '#/') {
    probe.home = when(checks.home, () => true)
      .then(painted)
      .then(() => performance.now());
  }
  Object.defineProperty(window, '__benchProbe', { value: probe });
})();`;
