/**
 * A column name reduced to what matters for matching: case, accents, spaces, underscores and
 * punctuation do not. "Nº Aluno", "n_aluno" and "N.º aluno" all become "noaluno"; the ordinal
 * sign º reads as "o" so "Nº" and "No." meet.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
