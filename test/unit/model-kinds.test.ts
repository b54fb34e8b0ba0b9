import { describe, expect, it } from 'vitest';
import { isModelKind, modelKinds } from '../../contract/domains/risk';
import { progressWords } from '../../main/backend/training/progress-words';
import { resolveTrainOptions } from '../../models/train-options';
import { risk } from '../../renderer/src/i18n/catalogs/risk';
import { languages } from '../../renderer/src/i18n/languages';

describe('model kinds: one vocabulary in the contract', () => {
  it('is what a training run tries by default, in the same order', () => {
    expect(resolveTrainOptions({}).candidates).toEqual([...modelKinds]);
    expect(progressWords()('validate', { candidate: modelKinds[2] })).toContain(
      `3 of ${modelKinds.length}`,
    );
  });

  it('has words in every language, and tells a known kind from an unknown one', () => {
    for (const language of languages) {
      for (const kind of modelKinds) {
        expect(risk[language].model[kind], `${language} ${kind}`).not.toBe('');
      }
    }
    expect(modelKinds.every(isModelKind)).toBe(true);
    expect(isModelKind('district-svm')).toBe(false);
  });
});
