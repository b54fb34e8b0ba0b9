import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TierQuality } from '../../contract';
import { frequencyOf, horizonOf } from '../../contract/domains/risk-frequency';
import { scoreWords as backendScoreWords } from '../../main/backend/scoring/risk-words';
import { namespaces, resources } from '../../renderer/src/i18n/resources';
import {
  horizonWords,
  scoreWords,
  sentence,
  tierQualityWords,
} from '../../renderer/src/risk/score-words';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources, ns: namespaces, interpolation: { escapeValue: false } });
});

const tOf = (language: string) => i18n.getFixedT(language, 'risk') as TFunction<'risk'>;
const words = (language: string, p: number, months = 12) => scoreWords(tOf(language), p, months);

describe('a share as a frequency among 100 students (the rule both sides share)', () => {
  it('rounds to the nearest whole student', () => {
    expect(frequencyOf(0.06)).toEqual({ bound: 'about', per100: 6 });
    expect(frequencyOf(0.064)).toEqual({ bound: 'about', per100: 6 });
    expect(frequencyOf(0.065)).toEqual({ bound: 'about', per100: 7 });
    expect(frequencyOf(0.005)).toEqual({ bound: 'about', per100: 1 });
    expect(frequencyOf(0.985)).toEqual({ bound: 'about', per100: 99 });
  });

  it('never reads a probability as 0 or 100 in 100', () => {
    expect(frequencyOf(0)).toEqual({ bound: 'fewer', per100: 0 });
    expect(frequencyOf(0.0049)).toEqual({ bound: 'fewer', per100: 0 });
    expect(frequencyOf(0.995)).toEqual({ bound: 'more', per100: 100 });
    expect(frequencyOf(1)).toEqual({ bound: 'more', per100: 100 });
  });

  it('reads a share counted from real students as none or all only when exact', () => {
    expect(frequencyOf(0, true)).toEqual({ bound: 'none', per100: 0 });
    expect(frequencyOf(1, true)).toEqual({ bound: 'all', per100: 100 });
    expect(frequencyOf(0.002, true)).toEqual({ bound: 'fewer', per100: 0 });
    expect(frequencyOf(0.998, true)).toEqual({ bound: 'more', per100: 100 });
  });

  it('says whole years up to three, else months', () => {
    expect(horizonOf(12)).toEqual({ years: 1 });
    expect(horizonOf(36)).toEqual({ years: 3 });
    expect(horizonOf(18)).toEqual({ months: 18 });
  });
});

describe('the score in words, in every language', () => {
  it('says in English exactly what the backend says (CLI, exports), for every horizon', () => {
    for (const months of [3, 6, 12, 18, 24, 36]) {
      for (const p of [0, 0.004, 0.005, 0.06, 0.5, 0.72, 0.99, 0.995, 1]) {
        expect(words('en', p, months)).toBe(backendScoreWords(p, months));
      }
    }
    expect(words('en', 0.06)).toBe(
      'about 6 in 100 students with this record left school within a year',
    );
    expect(words('en', 0)).toBe(
      'fewer than 1 in 100 students with this record left school within a year',
    );
    expect(words('en', 1, 6)).toBe(
      'more than 99 in 100 students with this record left school within 6 months',
    );
  });

  it('agrees the verb with the number where the language does', () => {
    expect(words('fr', 0.01)).toBe(
      'environ 1 élève sur 100 au dossier semblable a quitté l’école dans l’année qui a suivi',
    );
    expect(words('fr', 0.06, 24)).toBe(
      'environ 6 élèves sur 100 au dossier semblable ont quitté l’école dans les deux ans qui ont suivi',
    );
    expect(words('es', 0.01)).toContain('alrededor de 1 de cada 100 estudiantes');
    expect(words('es', 0.01)).toContain('dejó la escuela en el año siguiente');
    expect(words('es', 0.72, 6)).toBe(
      'alrededor de 72 de cada 100 estudiantes con un historial como este dejaron la escuela en los 6 meses siguientes',
    );
    expect(words('pt', 0.01)).toContain('deixou a escola no ano seguinte');
    expect(words('pt', 0.3)).toBe(
      'cerca de 30 em cada 100 alunos com um histórico como este deixaram a escola no ano seguinte',
    );
    expect(words('pt', 0.001)).toBe(
      'menos de 1 em cada 100 alunos com um histórico como este deixou a escola no ano seguinte',
    );
    expect(words('fr', 0.999)).toMatch(/^plus de 99 élèves sur 100 .* ont quitté/);
  });

  it('says the horizon in each language', () => {
    expect(horizonWords(tOf('en'), 36)).toBe('within three years');
    expect(horizonWords(tOf('fr'), 6)).toBe('dans les 6 mois qui ont suivi');
    expect(horizonWords(tOf('es'), 24)).toBe('en los dos años siguientes');
    expect(horizonWords(tOf('pt'), 18)).toBe('nos 18 meses seguintes');
  });

  it('opens a sentence with a capital letter', () => {
    expect(sentence(words('en', 0.06), 'en')).toMatch(/^About 6 in 100/);
    expect(sentence(words('es', 0.72), 'es')).toMatch(/^Alrededor de 72/);
  });
});

describe('how often a tier was right, in words', () => {
  const quality = (over: Partial<TierQuality>): TierQuality => ({
    precision: 0.684,
    recall: 0.41,
    students: 25,
    ...over,
  });
  const said = (language: string, q: TierQuality, months = 12) =>
    tierQualityWords(tOf(language), q, months).join(' ');

  it('says how many were placed, how many of them left, and how many of the leavers it found', () => {
    expect(said('en', quality({}))).toBe(
      '25 past students were placed here. About 68 in 100 of them left school within a year (precision). Of all the past students who left, this tier found about 41 in 100 (recall).',
    );
    expect(said('fr', quality({}))).toBe(
      '25 anciens élèves ont été placés ici. Environ 68 sur 100 ont quitté l’école dans l’année qui a suivi (précision). De tous les anciens élèves partis, ce niveau en a repéré environ 41 sur 100 (rappel).',
    );
  });

  it('agrees with one student, and with one in 100', () => {
    expect(said('en', quality({ students: 1, precision: 1 }))).toMatch(
      /^1 past student was placed here\. All of them left school within a year/,
    );
    expect(said('es', quality({ students: 1, precision: 0 }))).toMatch(
      /^1 estudiante anterior quedó en este nivel\. Ninguno dejó la escuela/,
    );
    expect(said('fr', quality({ precision: 0.01 }))).toContain(
      'Environ 1 sur 100 a quitté l’école',
    );
    expect(said('pt', quality({ precision: 0.02 }))).toContain(
      'Cerca de 2 em cada 100 deixaram a escola',
    );
  });

  it('reads 0 and 100 as none and all, and near them as fewer than 1 and more than 99', () => {
    expect(said('en', quality({ precision: 0, recall: 1 }))).toBe(
      '25 past students were placed here. None of them left school within a year (precision). This tier found every past student who left (recall).',
    );
    expect(said('en', quality({ precision: 0.997, recall: 0.003 }))).toBe(
      '25 past students were placed here. More than 99 in 100 of them left school within a year (precision). Of all the past students who left, this tier found fewer than 1 in 100 (recall).',
    );
    expect(said('pt', quality({ recall: 0 }))).toContain(
      'Este nível não encontrou nenhum dos alunos anteriores que saíram (sensibilidade).',
    );
  });

  it('says plainly when there is nothing to check', () => {
    expect(said('en', quality({ students: 0, precision: null, recall: null }))).toBe(
      'No past student was placed here, so there is nothing to check. None of the past students left school, so there was no one to find.',
    );
    expect(said('fr', quality({ students: 0, precision: null, recall: 0 }))).toBe(
      'Aucun ancien élève n’a été placé ici : il n’y a rien à vérifier. Ce niveau n’a repéré aucun des anciens élèves partis (rappel).',
    );
  });
});
