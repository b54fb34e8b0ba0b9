import { useTranslation } from 'react-i18next';
import type { AttendanceStatus, StudentProfileView } from '../../../contract';
import { attendanceStatuses } from '../../../contract/domains/records-register';
import { useFormat } from '../i18n/format';

/**
 * Attendance as a calendar heat map (one square per recorded day, a column per week) with the
 * stored 30-day and year rates; the same days counted by month in a table for screen readers
 * and print, since the map speaks only in colour and position.
 */
export function AttendanceSection({ view }: { view: StudentProfileView }) {
  const { t, i18n } = useTranslation('profile');
  const format = useFormat();
  const rate = (r: number | null) => (r === null ? t('noRate') : format.percent(r));
  const months = new Map<string, Record<AttendanceStatus, number>>();
  for (const day of view.attendance) {
    const key = day.date.slice(0, 7);
    const counts = months.get(key) ?? { present: 0, absent: 0, late: 0, excused: 0 };
    counts[day.status] += 1;
    months.set(key, counts);
  }
  const firstMonday = view.attendance[0] ? mondayOf(view.attendance[0].date) : 0;
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' });
  return (
    <section className="profile-section" aria-labelledby="profile-attendance">
      <h2 id="profile-attendance">{t('attendance')}</h2>
      <p>
        {t('rates', {
          rate30: rate(view.attendanceRate30d),
          rateYear: rate(view.attendanceRateYear),
        })}
      </p>
      {view.attendance.length === 0 ? (
        <p className="muted">{t('noAttendance')}</p>
      ) : (
        <>
          <div className="heat-map" role="img" aria-label={t('heatMapLabel')}>
            {view.attendance.map((day) => (
              <span
                key={day.date}
                className={`heat-day heat-${day.status}`}
                style={{
                  gridRow: weekday(day.date) + 1,
                  gridColumn: Math.round((mondayOf(day.date) - firstMonday) / week) + 1,
                }}
                title={`${format.date(day.date)}: ${t(`statusName.${day.status}`)}`}
              />
            ))}
          </div>
          <ul className="heat-legend" aria-hidden="true">
            {attendanceStatuses.map((s) => (
              <li key={s}>
                <span className={`heat-day heat-${s}`} /> {t(`statusName.${s}`)}
              </li>
            ))}
          </ul>
          <table className="profile-table">
            <caption>{t('byMonth')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('month')}</th>
                {attendanceStatuses.map((s) => (
                  <th key={s} scope="col" className="number">
                    {t(`statusName.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...months].map(([month, counts]) => (
                <tr key={month}>
                  <th scope="row">{monthName.format(new Date(`${month}-15T12:00:00`))}</th>
                  {attendanceStatuses.map((s) => (
                    <td key={s} className="number">
                      {format.number(counts[s])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

const day = 86_400_000;
const week = 7 * day;

/** Monday 0 … Sunday 6: the row of a day in the map. */
function weekday(iso: string): number {
  return (new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7;
}

/** The time of the Monday starting the day's week: weeks are the map's columns. */
function mondayOf(iso: string): number {
  return Date.parse(`${iso}T12:00:00Z`) - weekday(iso) * day;
}
