import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Failure, Intervention, RiskPoint, StudentDetail } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { SavePdfButton } from '../components/save-pdf-button';
import { useFormat } from '../i18n/format';
import { AttendanceSection } from '../profile/attendance-section';
import { NewInterventionDialog, OutcomeDialog } from '../profile/intervention-dialogs';
import { InterventionsSection } from '../profile/interventions-section';
import { MarksSection } from '../profile/marks-section';
import { HistorySections, IncidentsSection } from '../profile/record-sections';
import { RiskSection, type FactorArea } from '../profile/risk-section';
import '../profile/profile.css';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { modelKindName } from '../risk/model-kind';
import { localToday } from '../register/local-today';

type Open =
  | { kind: 'plan'; factor: string; area: FactorArea }
  | { kind: 'outcome'; intervention: Intervention }
  | null;

/**
 * One student: attendance, marks, risk with its reasons and history, incidents, status,
 * enrolments and interventions, from the backend's views; printable with the school and date.
 */
export function StudentProfilePage() {
  const { t } = useTranslation('profile');
  const { t: tc } = useTranslation();
  const studentId = useParams().id ?? '';
  const student = useRequest('getStudent', { studentId });
  // Asked beside getStudent, not after it: the profile's sections need only the id.
  const records = useProfileRecords(studentId);
  if (student.isPending) {
    return (
      <Page heading={t('title')}>
        <p role="status">{tc('loading')}</p>
      </Page>
    );
  }
  if (student.isError) {
    return (
      <Page heading={t('title')}>
        <ErrorNotice failure={failureOf(student.error)} title={t('readFailed')} />
      </Page>
    );
  }
  return <Profile student={student.data} records={records} />;
}

/** The profile's sections' requests, for one student. */
function useProfileRecords(studentId: string) {
  return {
    view: useRequest('studentProfile', { studentId }),
    risk: useRequest('studentRisk', { studentId }),
    incidents: useRequest('listIncidents', { studentId }),
    interventions: useRequest('listInterventions', { studentId }),
    school: useRequest('getSchool', {}),
  };
}

/**
 * What paper shows under the student's name: the school, the day it was printed and the model
 * version behind the current score (the latest point of the risk history).
 */
function ProfilePrintHeader({ school, scoredBy }: { school: string; scoredBy: RiskPoint | null }) {
  const { t } = useTranslation('profile');
  const { t: tr } = useTranslation('risk');
  const format = useFormat();
  const date = format.date(localToday());
  return (
    <div className="print-only profile-print">
      <p>
        {scoredBy
          ? t('printedWithModel', {
              school,
              date,
              model: scoredBy.modelKind ? modelKindName(tr, scoredBy.modelKind) : '',
              trained: scoredBy.modelCreatedAt ? format.date(scoredBy.modelCreatedAt) : '',
              version: scoredBy.modelVersionId.slice(0, 8),
            })
          : t('printedOn', { school, date })}
      </p>
    </div>
  );
}

function Profile({
  student,
  records,
}: {
  student: StudentDetail;
  records: ReturnType<typeof useProfileRecords>;
}) {
  const { t } = useTranslation('profile');
  const { t: ts } = useTranslation('students');
  const { t: tc } = useTranslation();
  const studentId = student.id;
  const { view, risk, incidents, interventions, school } = records;
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pdfFailure, setPdfFailure] = useState<Failure | null>(null);
  const name = `${student.firstName} ${student.lastName}`;
  const done = (message: string | null) => {
    setOpen(null);
    if (message) setNotice(message);
  };
  const failed = [view, risk, incidents, interventions].find((q) => q.isError)?.error;

  return (
    <Page
      heading={name}
      busy={view.isFetching || risk.isFetching}
      actions={
        <>
          <Link to="/students">{t('back')}</Link>
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
          <SavePdfButton
            report="studentProfile"
            subject={name}
            onSaved={(message) => {
              setPdfFailure(null);
              setNotice(message);
            }}
            onFailed={setPdfFailure}
          />
        </>
      }
      lead={t('facts', {
        number: student.studentNumber,
        className: student.currentClass?.name ?? '—',
        status: ts(`statusName.${student.status}`),
      })}
    >
      <ProfilePrintHeader
        school={school.data?.name ?? ''}
        scoredBy={view.data?.riskHistory.at(-1) ?? null}
      />
      <p role="status">{notice ?? ''}</p>
      {pdfFailure && <ErrorNotice failure={pdfFailure} title={tc('pdf.failed')} />}
      {failed !== undefined && failed !== null && (
        <ErrorNotice failure={failureOf(failed)} title={t('readFailed')} />
      )}
      <div className="profile-grid">
        {risk.data && view.data && (
          <RiskSection
            risk={risk.data}
            history={view.data.riskHistory}
            onPlan={(factor, area) => setOpen({ kind: 'plan', factor, area })}
          />
        )}
        {interventions.data && (
          <InterventionsSection
            interventions={interventions.data}
            onOutcome={(intervention) => setOpen({ kind: 'outcome', intervention })}
          />
        )}
        {view.data && <AttendanceSection view={view.data} />}
        {view.data && <MarksSection marks={view.data.marks} />}
        {incidents.data && <IncidentsSection incidents={incidents.data} />}
        <HistorySections student={student} />
      </div>
      {open?.kind === 'plan' && (
        <NewInterventionDialog
          studentId={studentId}
          name={name}
          factor={open.factor}
          area={open.area}
          onDone={done}
        />
      )}
      {open?.kind === 'outcome' && <OutcomeDialog intervention={open.intervention} onDone={done} />}
    </Page>
  );
}
