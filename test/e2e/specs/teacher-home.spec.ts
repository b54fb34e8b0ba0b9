import { systemConnection } from '../../../main/backend/transport/in-process';
import { expect, signInThroughUi, test } from '../fixtures';
import { openNavMenu } from '../support/open-admin-screen';

test("a teacher's home lists their classes and today's registers still to take", async ({
  page,
  backend,
}, testInfo) => {
  const system = systemConnection();
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const answer = await backend.dispatch(name, input, system);
    if (!answer.ok) throw new Error(`${name}: ${answer.message}`);
    return answer.value as T;
  };
  const today = backend.context.today();
  const year = Number(today.slice(0, 4));
  const schoolYear = Number(today.slice(5, 7)) >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
  await call('setCalendarDays', { from: today, to: today, kind: 'school_day' });
  const tess = await call<{ id: string }>('createUser', {
    username: 'tess',
    displayName: 'Tess Okafor',
    role: 'teacher',
    password: 'tess password 1',
  });
  const cls = await call<{ id: string }>('createClass', {
    schoolYear,
    name: '7B',
    teacherId: tess.id,
  });
  // A second class: the register cannot fall back on a teacher's only class, so the link must name it.
  await call('createClass', { schoolYear, name: '7C', teacherId: tess.id });
  const ana = await call<{ id: string }>('createStudent', {
    studentNumber: 'S1',
    firstName: 'Ana',
    lastName: 'Silva',
  });
  await call('enrolStudent', { studentId: ana.id, classId: cls.id, startDate: today });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInThroughUi(page, 'tess', 'tess password 1');
  const classes = page.getByRole('region', { name: 'Your classes today' });
  await expect(classes).toContainText('7B');
  await expect(classes).toContainText('1 student');
  await expect(classes).toContainText('Register still to take');
  await expect(classes.getByRole('link', { name: 'Take the register for 7B' })).toHaveAttribute(
    'href',
    `#/register?class=${cls.id}&date=${today}`,
  );
  await expect(page.getByRole('main')).toContainText('Figures for the students in your classes.');
  const more = await openNavMenu(page, /^More$/);
  await expect(more.getByRole('link', { name: 'Models' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: testInfo.outputPath('teacher-home.png'), fullPage: true });

  // Once the register is saved (here through the backend), the home page says so by itself.
  const saved = await backend.dispatch(
    'saveRegister',
    { classId: cls.id, date: today, entries: [{ studentId: ana.id, status: 'present' }] },
    system,
  );
  expect(saved).toMatchObject({ ok: true });
  await expect(classes).toContainText('Register taken');

  // The link opens that class's register for today, not an empty choice.
  await classes.getByRole('link', { name: 'Open the register for 7B' }).click();
  await expect(page.getByLabel('Class')).toHaveValue(cls.id);
  await expect(page.getByRole('main')).toContainText('Silva');
});
