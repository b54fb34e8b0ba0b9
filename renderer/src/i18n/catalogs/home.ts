import { defineCatalog } from '../messages';

/** The home page. */
export const home = defineCatalog({
  en: {
    title: 'Home',
    heading: 'Welcome to Beacon',
    readFailed: 'Beacon could not read the school profile',
    noSchool:
      'Beacon does not know which school it serves yet. Start by entering the school profile.',
    setUpSchool: 'Set up the school profile',
    editSchool: 'Edit the school profile',
  },
  fr: {
    title: 'Accueil',
    heading: 'Bienvenue dans Beacon',
    readFailed: "Beacon n'a pas pu lire le profil de l'établissement",
    noSchool:
      "Beacon ne sait pas encore quel établissement il sert. Commencez par saisir le profil de l'établissement.",
    setUpSchool: "Saisir le profil de l'établissement",
    editSchool: "Modifier le profil de l'établissement",
  },
  es: {
    title: 'Inicio',
    heading: 'Bienvenido a Beacon',
    readFailed: 'Beacon no pudo leer el perfil de la escuela',
    noSchool:
      'Beacon aún no sabe a qué escuela sirve. Empiece por introducir el perfil de la escuela.',
    setUpSchool: 'Introducir el perfil de la escuela',
    editSchool: 'Editar el perfil de la escuela',
  },
  pt: {
    title: 'Início',
    heading: 'Bem-vindo ao Beacon',
    readFailed: 'O Beacon não conseguiu ler o perfil da escola',
    noSchool: 'O Beacon ainda não sabe qual escola atende. Comece preenchendo o perfil da escola.',
    setUpSchool: 'Preencher o perfil da escola',
    editSchool: 'Editar o perfil da escola',
  },
});
