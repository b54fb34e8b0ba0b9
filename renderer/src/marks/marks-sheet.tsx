import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarksGrid } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { useUnsavedChangesGuard } from '../components/use-unsaved-changes-guard';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { requestKey, useAction } from '../query/use-request';
import { checkCell, pastedBlock, type CellCheck } from './mark-cells';

const cellKey = (studentId: string, assessmentId: string) => `${studentId}:${assessmentId}`;

/**
 * A class's marks: a row per student, a column per assessment. Typed and pasted values lie
 * over the saved ones, are checked against each maximum as they are typed, and are saved
 * together in one transaction; a problem blocks the save and is shown in its cell.
 */
export function MarksSheet({ grid, className }: { grid: MarksGrid; className: string }) {
  const { t } = useTranslation('marks');
  const format = useFormat();
  const client = useQueryClient();
  const [edits, setEdits] = useState<ReadonlyMap<string, string>>(new Map());
  const [saved, setSaved] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const save = useAction('saveMarksGrid');
  const { students, assessments } = grid;

  const savedText = (studentId: string, assessmentId: string) => {
    const score = students.find((s) => s.studentId === studentId)?.scores[assessmentId];
    return score === undefined ? '' : String(score);
  };
  const changes: { studentId: string; assessmentId: string; check: CellCheck }[] = [];
  for (const [key, text] of edits) {
    const [studentId = '', assessmentId = ''] = key.split(':');
    if (text.trim() === savedText(studentId, assessmentId)) continue;
    const max = assessments.find((a) => a.id === assessmentId)?.maxScore ?? 0;
    changes.push({ studentId, assessmentId, check: checkCell(text, max) });
  }
  const problems = changes.filter((c) => c.check.kind !== 'mark' && c.check.kind !== 'empty');
  const guard = useUnsavedChangesGuard(changes.length > 0);

  const edit = (updates: [string, string][]) => {
    setSaved(null);
    setEdits((old) => {
      const next = new Map(old);
      for (const [key, text] of updates) next.set(key, text);
      return next;
    });
  };
  const focus = (row: number, col: number) => {
    const s = students[row];
    const a = assessments[col];
    if (s && a) inputs.current.get(cellKey(s.studentId, a.id))?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, row: number, col: number) => {
    if (event.key === 'ArrowDown' || (event.key === 'Enter' && !event.shiftKey)) {
      event.preventDefault();
      focus(row + 1, col);
    } else if (event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey)) {
      event.preventDefault();
      focus(row - 1, col);
    }
  };
  const onPaste = (event: ClipboardEvent, row: number, col: number) => {
    const block = pastedBlock(event.clipboardData.getData('text/plain'));
    if (block.length === 1 && block[0]?.length === 1) return; // one value: the input takes it
    event.preventDefault();
    const updates: [string, string][] = [];
    block.forEach((cells, r) =>
      cells.forEach((text, c) => {
        const s = students[row + r];
        const a = assessments[col + c];
        if (s && a) updates.push([cellKey(s.studentId, a.id), text.trim()]);
      }),
    );
    edit(updates);
  };
  const submit = () => {
    if (save.isPending) return;
    if (changes.length === 0) {
      setSaved(t('nothingToSave'));
      return;
    }
    if (problems.length > 0) return;
    const byAssessment = new Map<string, { studentId: string; score: number | null }[]>();
    for (const c of changes) {
      const entries = byAssessment.get(c.assessmentId) ?? [];
      entries.push({
        studentId: c.studentId,
        score: c.check.kind === 'mark' ? c.check.score : null,
      });
      byAssessment.set(c.assessmentId, entries);
    }
    save.mutate(
      {
        assessments: [...byAssessment].map(([assessmentId, entries]) => ({
          assessmentId,
          entries,
        })),
      },
      {
        onSuccess: async (answer) => {
          await client.invalidateQueries({
            queryKey: requestKey('openMarksGrid', {
              classId: grid.classId,
              ...(grid.termId ? { termId: grid.termId } : {}),
            }),
          });
          setEdits(new Map());
          const count = answer.reduce((n, a) => n + a.changed + a.removed, 0);
          setSaved(t('saved', { count }));
        },
      },
    );
  };

  if (students.length === 0) return <p>{t('noStudents')}</p>;
  if (assessments.length === 0) return <p>{t('noAssessments')}</p>;
  const problemWords = (check: CellCheck, max: number) =>
    check.kind === 'aboveMax'
      ? t('aboveMax', { max: format.number(max, 2) })
      : check.kind === 'negative'
        ? t('negative')
        : t('notNumber');

  return (
    <div className="marks">
      {guard}
      <p className="hint">{t('keysHint')}</p>
      <div className="marks-scroll">
        <table className="marks-table">
          <caption>{t('tableLabel', { className })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('student')}</th>
              {assessments.map((a) => (
                <th key={a.id} scope="col">
                  {a.subject} · {a.name}
                  <span className="muted marks-max">
                    {t('outOf', { max: format.number(a.maxScore, 2) })}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {students.map((s, row) => {
              const name = `${s.firstName} ${s.lastName}`;
              return (
                <tr key={s.studentId}>
                  <th scope="row">{name}</th>
                  {assessments.map((a, col) => {
                    const key = cellKey(s.studentId, a.id);
                    const text = edits.get(key) ?? savedText(s.studentId, a.id);
                    const check = checkCell(text, a.maxScore);
                    const bad = check.kind !== 'mark' && check.kind !== 'empty';
                    const errorId = `${key}-error`;
                    return (
                      <td key={a.id}>
                        <input
                          className="mark-input"
                          inputMode="decimal"
                          autoComplete="off"
                          aria-label={t('cellLabel', {
                            student: name,
                            assessment: `${a.subject} ${a.name}`,
                            max: format.number(a.maxScore, 2),
                          })}
                          aria-invalid={bad || undefined}
                          aria-describedby={bad ? errorId : undefined}
                          value={text}
                          ref={(el) => {
                            if (el) inputs.current.set(key, el);
                            else inputs.current.delete(key);
                          }}
                          onChange={(e) => edit([[key, e.target.value]])}
                          onKeyDown={(e) => onKeyDown(e, row, col)}
                          onPaste={(e) => onPaste(e, row, col)}
                        />
                        {bad && (
                          <span id={errorId} className="field-error mark-error">
                            {problemWords(check, a.maxScore)}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="primary" onClick={submit} disabled={save.isPending}>
          {t('save')}
        </button>
        <span role="status">
          {problems.length > 0 ? t('problems', { count: problems.length }) : (saved ?? '')}
        </span>
      </div>
      {save.isError && <ErrorNotice failure={failureOf(save.error)} title={t('saveFailed')} />}
    </div>
  );
}
