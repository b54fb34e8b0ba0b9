import { defineCatalog } from '../messages';

/** The administration hub: the school's set-up and record-keeping screens in one place. */
export const admin = defineCatalog({
  en: {
    title: 'Administration',
    lead: 'Setting up the school year, bringing records in and out, who may do what, backups and sync.',
    list: 'Administration screens',
  },
  fr: {
    title: 'Administration',
    lead: "Préparer l'année scolaire, importer et exporter les données, qui peut faire quoi, sauvegardes et synchronisation.",
    list: "Écrans d'administration",
  },
  es: {
    title: 'Administración',
    lead: 'Preparar el año escolar, importar y exportar registros, quién puede hacer qué, copias y sincronización.',
    list: 'Pantallas de administración',
  },
  pt: {
    title: 'Administração',
    lead: 'Preparar o ano letivo, importar e exportar registros, quem pode fazer o quê, cópias e sincronização.',
    list: 'Telas de administração',
  },
});
