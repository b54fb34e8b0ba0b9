import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictReport, DistrictStatus, Failure } from '../../../contract';
import { ConnectForm } from '../components/connect-form';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { SavePdfButton } from '../components/save-pdf-button';
import { MonthsTable, SchoolsTable } from '../district/schools-table';
import { csvType, downloadFile } from '../files/download';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { useAction, useRequest } from '../query/use-request';
import { localToday } from '../register/local-today';

const addAdminCommand = 'beacon central add-admin --url postgres://ADMIN@HOST/DATABASE --name NAME';

/**
 * The district's schools side by side, for a district admin: read from the central server with
 * the district admin connection this laptop keeps (made here from the file `beacon central
 * add-admin` wrote), exported as CSV, printed or saved as PDF. Without a connection it says so
 * and offers to make one; an account that is not a district admin is told so in words.
 */
export function DistrictPage() {
  const { t } = useTranslation('district');
  const { t: tc } = useTranslation();
  const status = useRequest('districtStatus', {});
  const connected = status.data?.connected === true;
  const report = useRequest('districtReport', {}, { enabled: connected });
  const disconnect = useAction('disconnectDistrict', { onSuccess: () => void status.refetch() });
  const [notice, setNotice] = useState('');
  const [pdfFailure, setPdfFailure] = useState<Failure | null>(null);
  // A refused refresh shows the refusal, not the figures read before it.
  const answer = report.isError ? undefined : report.data;
  return (
    <Page
      wide
      heading={t('title')}
      lead={t('lead')}
      busy={status.isFetching || report.isFetching}
      actions={
        connected && (
          <>
            <button type="button" onClick={() => void report.refetch()}>
              {tc('refresh')}
            </button>
            {answer && (
              <>
                <button
                  type="button"
                  onClick={() =>
                    downloadFile(
                      `beacon-district-report-${answer.report.asOf}.csv`,
                      answer.csv,
                      csvType,
                    )
                  }
                >
                  {t('exportCsv')}
                </button>
                <button type="button" onClick={() => window.print()}>
                  {t('print')}
                </button>
                <SavePdfButton
                  report="districtReport"
                  onSaved={(message) => {
                    setPdfFailure(null);
                    setNotice(message);
                  }}
                  onFailed={setPdfFailure}
                />
              </>
            )}
          </>
        )
      }
    >
      <p role="status">{notice}</p>
      {pdfFailure && <ErrorNotice failure={pdfFailure} title={tc('pdf.failed')} />}
      {status.isError && <ErrorNotice failure={failureOf(status.error)} title={t('failed')} />}
      {status.data && !connected && <NotConnected onConnected={() => void status.refetch()} />}
      {status.data && connected && (
        <Connection
          status={status.data}
          forgetting={disconnect.isPending}
          onForget={() => disconnect.mutate({})}
        />
      )}
      {connected && report.isError && <ReportRefusal failure={failureOf(report.error)} />}
      {connected && answer && <Report report={answer.report} />}
    </Page>
  );
}

function NotConnected({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation('district');
  const connect = useAction('connectDistrict', { onSuccess: () => onConnected() });
  return (
    <section aria-labelledby="district-state" className="no-print">
      <h2 id="district-state">{t('notConnected')}</h2>
      <p>{t('notConnectedBody')}</p>
      <ConnectForm
        words="district"
        cliCommand={addAdminCommand}
        action={connect}
        done={
          connect.data
            ? t('connect.done', { host: connect.data.host ?? '', role: connect.data.role ?? '' })
            : ''
        }
      />
    </section>
  );
}

function Connection(props: { status: DistrictStatus; forgetting: boolean; onForget: () => void }) {
  const { t } = useTranslation('district');
  const { host, database, role } = props.status;
  return (
    <p className="no-print">
      {t('connected', { host: host ?? '', database: database ?? '', role: role ?? '' })}{' '}
      <button type="button" disabled={props.forgetting} onClick={props.onForget}>
        {t('disconnect')}
      </button>
    </p>
  );
}

/** Why the report was not read: an account that is not a district admin is named as such. */
function ReportRefusal({ failure }: { failure: Failure }) {
  const { t } = useTranslation('district');
  if (failure.code === 'FORBIDDEN') {
    return (
      <div role="alert" className="alert">
        <p>{t('notAdmin')}</p>
      </div>
    );
  }
  return <ErrorNotice failure={failure} title={t('failed')} />;
}

function Report({ report }: { report: DistrictReport }) {
  const { t } = useTranslation('district');
  const format = useFormat();
  const date = format.date(report.asOf);
  return (
    <>
      <p className="print-only">{t('printedOn', { date, printed: format.date(localToday()) })}</p>
      <p>{t('asOf', { date, count: report.schools.length })}</p>
      <SchoolsTable schools={report.schools} />
      <MonthsTable months={report.months} schools={report.schools} />
      <section aria-labelledby="district-transfers">
        <h2 id="district-transfers">{t('transfersTitle')}</h2>
        <p className="muted">{t('transfersLead')}</p>
        {report.transfers.length === 0 ? (
          <p>{t('transfersNone')}</p>
        ) : (
          <ul>
            {report.transfers.map((x, i) => (
              <li key={i}>
                {t('transfer', {
                  from: x.fromCode ? `${x.fromName} (${x.fromCode})` : x.fromName,
                  to: x.toCode ? `${x.toName} (${x.toCode})` : x.toName,
                  left: x.leftOn ? format.date(x.leftOn) : t('unknownDate'),
                  enrolled: x.enrolledOn ? format.date(x.enrolledOn) : t('unknownDate'),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
