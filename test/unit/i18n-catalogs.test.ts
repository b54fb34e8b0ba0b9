import { describe, expect, it } from 'vitest';
import { catalogProblems } from '../../renderer/src/i18n/check-catalogs';
import { catalogs } from '../../renderer/src/i18n/resources';
import { errorCodes } from '../../contract/result';
import { errors } from '../../renderer/src/i18n/catalogs/errors';
import { languages } from '../../renderer/src/i18n/languages';

describe('the renderer catalogs', () => {
  it.each(Object.entries(catalogs))('%s has every key in every language', (ns, catalog) => {
    expect(catalogProblems(ns, catalog)).toEqual([]);
  });

  it('words every error code in every language', () => {
    for (const language of languages) {
      for (const code of errorCodes) {
        expect(errors[language][code].message, `${language} ${code}`).not.toBe('');
        expect(errors[language][code].action, `${language} ${code}`).not.toBe('');
      }
    }
  });

  it('finds a missing key, an extra key, an empty one and a dropped placeholder', () => {
    const broken = {
      en: {
        a: 'A',
        b: { c: 'Hello {{name}}' },
        n_one: '{{count}} item',
        n_other: '{{count}} items',
      },
      fr: {
        a: 'A',
        b: { c: 'Bonjour' },
        n_one: '{{count}} élément',
        n_other: '{{count}} éléments',
      },
      es: { a: '', b: { c: 'Hola {{name}}' }, n_one: 'x', n_other: 'y' },
      pt: { b: { c: 'Olá {{name}}' }, extra: 'x', n_one: 'x' },
    };
    expect(catalogProblems('broken', broken)).toEqual([
      'broken: fr "b.c" uses {{}}, English {{name}}',
      'broken: es "a" is empty',
      'broken: pt is missing "a"',
      'broken: pt has "extra", English does not',
      'broken: pt "n" has plural forms but no _other',
    ]);
  });

  it('accepts plural forms a language has and English has not (French "many")', () => {
    const catalog = {
      en: { n_one: 'one', n_other: 'other' },
      fr: { n_one: 'un', n_many: 'beaucoup', n_other: 'autre' },
      es: { n_one: 'uno', n_other: 'otro' },
      pt: { n_one: 'um', n_other: 'outro' },
    };
    expect(catalogProblems('plural', catalog)).toEqual([]);
  });
});
