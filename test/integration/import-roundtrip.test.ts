import { describe, expect, it } from 'vitest';
import type { ImportKind } from '../../contract';
import { newId } from '../../db/ids';
import { csvFile, csvOf, importSchool, ok, tableCounts } from '../support/school';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

const files: Record<ImportKind, string> = {
  students: [
    'Nº;Nome;Apelido;Sexo;Data de nascimento;Ano;Data de entrada;Etnia;ASE;Turma;Ano letivo',
    '1;Ana;Silva;F;2013-02-03;7;2025-09-10;;sim;7A;2025-2026',
    '2;"=cmd";Costa, Jr;M;;7;;Roma;não;7A;2025-2026',
    '3;Inês;"Sá ""Nené""";X;;;;;;;',
  ].join('\n'),
  attendance: [
    'Nº;Data;Estado;Minutos de atraso;Nota',
    '1;2025-09-15;P;;',
    '1;2025-09-16;L;7;"autocarro; atrasado"',
    '2;2025-09-15;A;;"@home\nduas linhas"',
  ].join('\n'),
  marks: [
    'Nº;Disciplina;Avaliação;Período;Nota;Cotação;Peso;Data',
    '1;Português;Teste 1;1º Período;14,5;20;2;2025-10-01',
    '2;Português;Teste 1;1º Período;8;20;2;2025-10-01',
    '2;Matemática;Ficha;;55;100;;',
  ].join('\n'),
  incidents: [
    'Nº;Data;Categoria;Gravidade;Medida;Dias de suspensão;Descrição',
    '2;2025-09-20;Luta;3;Suspensão;2;"-1 ponto, ""grave"""',
    '1;2025-09-22;Atraso;1;;;',
  ].join('\n'),
};

const order: ImportKind[] = ['students', 'attendance', 'marks', 'incidents'];

/** A school with the first term of 2025-2026 (terms are set up in Beacon, never imported). */
async function school() {
  const s = await importSchool(tempDir());
  afterTest(() => s.backend.close());
  s.db
    .prepare(
      `INSERT INTO terms (id, school_id, school_year, name, start_date, end_date)
       VALUES (?, ?, '2025-2026', '1º Período', '2025-09-01', '2025-12-19')`,
    )
    .run(newId(), s.schoolId);
  return s;
}

async function exportAll(api: Awaited<ReturnType<typeof school>>['api']) {
  const out: Partial<Record<ImportKind, string>> = {};
  for (const kind of order) out[kind] = csvOf(ok(await api.exportRecords({ kind })));
  return out as Record<ImportKind, string>;
}

describe('export and import round-trip', () => {
  it('exports in the layout import matches, and re-importing the export changes nothing', async () => {
    const s = await school();
    for (const kind of order) {
      const r = ok(await s.api.runImport({ kind, file: csvFile(files[kind]) }));
      expect(r.outcome, `${kind}: ${JSON.stringify(r.rejections)}`).toBe('imported');
    }
    const exported = await exportAll(s.api);
    expect(exported.students.startsWith('\uFEFFstudent_number,first_name,last_name,sex,')).toBe(
      true,
    );
    expect(exported.students).toContain(`2,'=cmd,"Costa, Jr",M,,7,,Roma,no,7A,2025-2026`);
    expect(exported.attendance).toContain(`2,2025-09-15,absent,,"'@home\nduas linhas"`);
    expect(exported.marks).toContain(
      '1,7A,2025-2026,Português,Teste 1,1º Período,14.5,20,2,2025-10-01',
    );
    const before = tableCounts(s.db);
    for (const kind of order) {
      const again = ok(await s.api.runImport({ kind, file: csvFile(exported[kind]) }));
      expect(again.outcome).toBe('imported');
      for (const counts of Object.values(again.tables)) {
        expect(counts.created + counts.changed, kind).toBe(0);
      }
    }
    expect(tableCounts(s.db)).toEqual(before);
    expect(
      s.db.prepare("SELECT first_name FROM students WHERE student_number = '2'").pluck().get(),
    ).toBe('=cmd');
  });

  it('rebuilds the same records in another school from the export', async () => {
    const a = await school();
    for (const kind of order) ok(await a.api.runImport({ kind, file: csvFile(files[kind]) }));
    const exported = await exportAll(a.api);
    const b = await school();
    for (const kind of order) {
      const r = ok(await b.api.runImport({ kind, file: csvFile(exported[kind], `${kind}.csv`) }));
      expect(r.outcome, `${kind}: ${JSON.stringify(r.rejections)}`).toBe('imported');
    }
    expect(await exportAll(b.api)).toEqual(exported);
  });
});
