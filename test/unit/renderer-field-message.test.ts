import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldMessage } from '../../renderer/src/forms/field-message';
import { namespaces, resources } from '../../renderer/src/i18n/resources';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources, ns: namespaces, interpolation: { escapeValue: false } });
});
const say = (language: string, label: string, message: string) =>
  fieldMessage(label, message, i18n.getFixedT(language, 'fields') as TFunction<'fields'>);

describe('field problems in the user’s language', () => {
  it('words the contract’s rules as a sentence naming the field', () => {
    expect(say('en', 'School name', 'must not be empty')).toBe('School name must not be empty.');
    expect(say('fr', 'Nom', 'must not be empty')).toBe('Nom : ne doit pas être vide.');
    expect(say('es', 'Nombre', 'must be at most 120 characters')).toBe(
      'Nombre: debe tener como máximo 120 caracteres.',
    );
    expect(say('pt', 'Senha', 'must be at least 10 characters long')).toBe(
      'Senha: deve ter pelo menos 10 caracteres.',
    );
    expect(say('fr', 'Date', 'is not a real calendar date')).toBe(
      "Date : n'est pas une date de calendrier réelle.",
    );
  });

  it('keeps a rule it does not know in the backend’s words, after the label', () => {
    expect(say('fr', 'Années', 'must be two consecutive years')).toBe(
      'Années : must be two consecutive years',
    );
  });
});
