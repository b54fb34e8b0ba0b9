import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RiskFactorView } from '../../contract';
import { resources, namespaces } from '../../renderer/src/i18n/resources';
import { factorWords } from '../../renderer/src/risk/factor-words';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources, ns: namespaces, interpolation: { escapeValue: false } });
});

const factor = (over: Partial<RiskFactorView>): RiskFactorView => ({
  feature: 'attendance_rate_30d',
  text: 'the backend English',
  direction: 'raises',
  weight: 0.4,
  value: 0.71,
  reference: 0.94,
  kind: 'indicator',
  ...over,
});

function words(f: RiskFactorView, language: string): string {
  const t = i18n.getFixedT(language, 'factors') as TFunction<'factors'>;
  return factorWords(f, t, language);
}

describe('risk factors in the reader’s language', () => {
  it('reads a share against the school median', () => {
    expect(words(factor({}), 'en')).toBe(
      'attended 71% of the last 30 school days (school median 94%)',
    );
    // French puts a narrow no-break space before the percent sign.
    expect(words(factor({}), 'fr')).toMatch(
      /^présent 71\s%\sdes 30 derniers jours de classe \(médiane de l’établissement 94\s%\)$/,
    );
  });

  it('reads a change as points, in the right direction and number', () => {
    const trend = factor({ feature: 'attendance_trend', value: -0.38, reference: 0.01 });
    expect(words(trend, 'en')).toBe(
      'attendance fell 38 points against the 30 school days before (school median: rose 1 point)',
    );
    expect(words(trend, 'es')).toBe(
      'asistencia: bajó 38 puntos frente a los 30 días lectivos anteriores (mediana de la escuela: subió 1 punto)',
    );
  });

  it('reads yes/no inputs against most students, and says when an input lowers the risk', () => {
    const repeated = factor({ feature: 'repeated_grade', value: 1, reference: 0 });
    expect(words(repeated, 'pt')).toBe('repetiu de ano: sim (a maioria dos alunos: não)');
    const lowers = factor({
      feature: 'school_moves',
      value: 0,
      reference: null,
      direction: 'lowers',
    });
    expect(words(lowers, 'en')).toBe('0 school moves (lowers the risk)');
  });

  it('agrees a count with its noun in every language', () => {
    const one = factor({ feature: 'failed_subjects', value: 1, reference: 0 });
    const two = factor({ feature: 'failed_subjects', value: 2, reference: 0 });
    expect(words(one, 'en')).toBe('failing 1 subject in the latest term (school median 0)');
    expect(words(two, 'en')).toBe('failing 2 subjects in the latest term (school median 0)');
    expect(words(one, 'es')).toMatch(/^reprobando 1 asignatura en/);
    expect(words(two, 'es')).toMatch(/^reprobando 2 asignaturas en/);
    const moves = (value: number) => factor({ feature: 'school_moves', value, reference: null });
    expect(words(moves(1), 'pt')).toBe('1 mudança de escola');
    expect(words(moves(3), 'pt')).toBe('3 mudanças de escola');
    // French and Portuguese read zero as singular.
    expect(words(moves(0), 'fr')).toBe('0 changement d’établissement');
    expect(words(moves(2), 'fr')).toBe('2 changements d’établissement');
  });

  it('words a data gap, and falls back to the backend’s text for an input it does not know', () => {
    const gap = factor({ feature: 'average_mark', kind: 'data_gap', value: null, weight: 0 });
    expect(words(gap, 'fr')).toBe('aucune note enregistrée');
    expect(words(factor({ feature: 'new_input_from_a_later_version' }), 'fr')).toBe(
      'the backend English',
    );
  });
});
