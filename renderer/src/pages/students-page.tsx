import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddressParams } from '../components/use-address-params';
import type { StudentSortColumn, StudentTableRow } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { useSession } from '../session';
import { StudentFilterBar } from '../students/student-filter-bar';
import { queryFromParams } from '../students/student-filters';
import { StudentFormDialog } from '../students/student-form-dialog';
import { StudentGrid } from '../students/student-grid';
import { StudentStatusDialog } from '../students/student-status-dialog';
import '../students/students.css';

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; student: StudentTableRow }
  | { kind: 'status'; student: StudentTableRow }
  | null;

/**
 * Every student of the school (a teacher's: of their classes), searchable, filtered and
 * sorted by the backend, in a virtualised table; head teachers and admins add, edit, archive
 * and change status from here. Filters live in the address, so Home can link to a filtered list.
 */
export function StudentsPage() {
  const { t } = useTranslation('students');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const format = useFormat();
  const [notice, setNotice] = useState<string | null>(null);
  const clearNotice = useCallback(() => setNotice(null), []);
  const { params, setMany: set } = useAddressParams(clearNotice);
  const query = queryFromParams(params);
  const table = useRequest('studentTable', query, { placeholderData: (previous) => previous });
  const [open, setOpen] = useState<Open>(null);
  const manages = user.role !== 'teacher';

  const onSort = (column: StudentSortColumn, descending: boolean) =>
    set({ sort: column, desc: descending ? '1' : null });
  const done = (message: string | null) => {
    setOpen(null);
    if (message) setNotice(message);
  };
  const onEdit = useCallback((student: StudentTableRow) => setOpen({ kind: 'edit', student }), []);
  const onStatus = useCallback(
    (student: StudentTableRow) => setOpen({ kind: 'status', student }),
    [],
  );

  return (
    <Page
      heading={t('title')}
      busy={table.isFetching}
      actions={
        manages && (
          <button type="button" className="primary" onClick={() => setOpen({ kind: 'add' })}>
            {t('add')}
          </button>
        )
      }
    >
      <StudentFilterBar params={params} onChange={set} />
      <p role="status" className="student-count">
        {notice ? `${notice} ` : ''}
        {table.data
          ? t('count', { count: table.data.rows.length, n: format.number(table.data.rows.length) })
          : ''}
      </p>
      {table.isPending ? (
        <p>{tc('loading')}</p>
      ) : table.isError ? (
        <ErrorNotice failure={failureOf(table.error)} title={t('readFailed')} />
      ) : table.data.rows.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <StudentGrid
          rows={table.data.rows}
          sort={query.sort ?? 'name'}
          descending={query.descending ?? false}
          onSort={onSort}
          onEdit={manages ? onEdit : undefined}
          onStatus={manages ? onStatus : undefined}
        />
      )}
      {open?.kind === 'add' && <StudentFormDialog student={null} onDone={done} />}
      {open?.kind === 'edit' && <StudentFormDialog student={open.student} onDone={done} />}
      {open?.kind === 'status' && <StudentStatusDialog student={open.student} onDone={done} />}
    </Page>
  );
}
