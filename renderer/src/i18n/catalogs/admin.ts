import { defineCatalog } from '../messages';

/** The administration hub: the school's set-up and record-keeping screens in one place. */
export const admin = defineCatalog({
  en: {
    title: 'Administration',
    lead: 'Setting up the school year, bringing records in and out, and who may do what.',
    list: 'Administration screens',
  },
  fr: {
    title: 'Administration',
    lead: "Préparer l'année scolaire, importer et exporter les données, et qui peut faire quoi.",
    list: "Écrans d'administration",
  },
  es: {
    title: 'Administración',
    lead: 'Preparar el año escolar, importar y exportar registros, y quién puede hacer qué.',
    list: 'Pantallas de administración',
  },
  pt: {
    title: 'Administração',
    lead: 'Preparar o ano letivo, importar e exportar registros, e quem pode fazer o quê.',
    list: 'Telas de administração',
  },
});
