import { importFields, type ImportKind } from '../../../contract/domains/import';

/** How one field is matched by name and whether a file must provide it. */
export interface FieldDef {
  field: string;
  required: boolean;
  /** Names a column may carry, in English and Portuguese; the field's own name always matches. */
  synonyms: readonly string[];
}

const studentNumber = [
  'student number',
  'student no',
  'student id',
  'student code',
  'pupil number',
  'number',
  'student',
  'id',
  'nº aluno',
  'n aluno',
  'numero aluno',
  'número de aluno',
  'numero do aluno',
  'nº de aluno',
  'nº processo',
  'número de processo',
  'processo',
  'matrícula',
  'código aluno',
  'id aluno',
  'nº',
];

const synonyms: Record<string, readonly string[]> = {
  student_number: studentNumber,
  first_name: ['first name', 'given name', 'forename', 'primeiro nome', 'nome próprio', 'prenome'],
  last_name: ['last name', 'surname', 'family name', 'apelido', 'sobrenome', 'último nome'],
  full_name: ['name', 'full name', 'student name', 'pupil', 'nome', 'nome completo', 'aluno'],
  sex: ['sex', 'gender', 'sexo', 'género', 'genero'],
  date_of_birth: [
    'date of birth',
    'dob',
    'birth date',
    'birthdate',
    'born',
    'data de nascimento',
    'data nascimento',
    'nascimento',
  ],
  age: ['age', 'idade'],
  grade_level: ['grade', 'grade level', 'year group', 'ano', 'ano de escolaridade', 'ano escolar'],
  entry_date: [
    'entry date',
    'admission date',
    'enrolled on',
    'data de entrada',
    'data de admissão',
    'data de matrícula',
  ],
  ethnicity: ['ethnicity', 'etnia'],
  low_income: [
    'low income',
    'free school meals',
    'fsm',
    'ação social escolar',
    'ase',
    'baixo rendimento',
  ],
  class: ['class', 'form', 'homeroom', 'class name', 'turma', 'classe'],
  school_year: ['school year', 'academic year', 'ano letivo', 'ano lectivo'],
  absences: [
    'absences',
    'absence count',
    'total absences',
    'faltas',
    'nº faltas',
    'número de faltas',
  ],
  enrolment_status: ['status', 'student status', 'enrollment status', 'outcome', 'situação'],
  status_date: [
    'status date',
    'date left',
    'left on',
    'leaving date',
    'data de saída',
    'data da situação',
  ],
  date: ['date', 'day', 'data', 'dia'],
  status: [
    'status',
    'attendance',
    'mark',
    'presença',
    'assiduidade',
    'estado',
    'situação',
    'registo',
  ],
  minutes_late: ['minutes late', 'late minutes', 'minutos de atraso', 'minutos atraso', 'atraso'],
  note: ['note', 'notes', 'comment', 'remarks', 'nota', 'observação', 'observações', 'obs'],
  subject: ['subject', 'course', 'disciplina', 'matéria', 'cadeira'],
  assessment: ['assessment', 'assessment name', 'test', 'exam', 'avaliação', 'teste', 'prova'],
  term: ['term', 'period', 'período', 'periodo', 'trimestre', 'semestre'],
  score: ['score', 'mark', 'result', 'points', 'nota', 'classificação', 'pontuação', 'resultado'],
  maximum: ['maximum', 'max', 'max score', 'out of', 'máximo', 'cotação', 'nota máxima'],
  weight: ['weight', 'peso', 'ponderação'],
  category: ['category', 'type', 'incident', 'categoria', 'tipo', 'ocorrência'],
  severity: ['severity', 'level', 'gravidade', 'nível'],
  action_taken: ['action taken', 'action', 'sanction', 'ação', 'medida', 'medida aplicada'],
  suspension_days: [
    'suspension days',
    'days suspended',
    'suspension',
    'dias de suspensão',
    'suspensão',
  ],
  description: ['description', 'details', 'descrição', 'detalhes', 'relato'],
};

const required: Record<ImportKind, readonly string[]> = {
  students: ['student_number'],
  attendance: ['student_number', 'date', 'status'],
  marks: ['student_number', 'subject', 'score'],
  incidents: ['student_number', 'date', 'category', 'severity'],
};

/** The fields of a kind, in export column order, with their names to match on. */
export function fieldDefs(kind: ImportKind): FieldDef[] {
  return importFields[kind].map((field) => ({
    field,
    required: required[kind].includes(field),
    synonyms: [field, ...(synonyms[field] ?? [])],
  }));
}
