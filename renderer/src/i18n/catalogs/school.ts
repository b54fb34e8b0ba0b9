import { defineCatalog } from '../messages';

/** The school profile page and form. */
export const school = defineCatalog({
  en: {
    title: 'School profile',
    lead: 'One Beacon database serves one school. These details name it.',
    readFailed: 'Beacon could not read the school profile',
    form: 'School profile',
    notSaved: 'The profile was not saved',
    saved: 'School profile saved.',
    submit: 'Save profile',
    field: {
      name: 'School name',
      code: 'School code',
      region: 'Region',
      country: 'Country',
      timezone: 'Time zone',
      schoolYearStartMonth: 'School year starts in',
    },
    hint: {
      code: 'The code the ministry gives the school, if any.',
      timezone: 'For example Africa/Nairobi.',
    },
  },
  fr: {
    title: "Profil de l'établissement",
    lead: "Une base de données Beacon sert un seul établissement. Ces informations l'identifient.",
    readFailed: "Beacon n'a pas pu lire le profil de l'établissement",
    form: "Profil de l'établissement",
    notSaved: "Le profil n'a pas été enregistré",
    saved: "Profil de l'établissement enregistré.",
    submit: 'Enregistrer le profil',
    field: {
      name: "Nom de l'établissement",
      code: "Code de l'établissement",
      region: 'Région',
      country: 'Pays',
      timezone: 'Fuseau horaire',
      schoolYearStartMonth: "L'année scolaire commence en",
    },
    hint: {
      code: "Le code attribué par le ministère, s'il y en a un.",
      timezone: 'Par exemple Africa/Abidjan.',
    },
  },
  es: {
    title: 'Perfil de la escuela',
    lead: 'Una base de datos de Beacon sirve a una sola escuela. Estos datos la identifican.',
    readFailed: 'Beacon no pudo leer el perfil de la escuela',
    form: 'Perfil de la escuela',
    notSaved: 'El perfil no se guardó',
    saved: 'Perfil de la escuela guardado.',
    submit: 'Guardar perfil',
    field: {
      name: 'Nombre de la escuela',
      code: 'Código de la escuela',
      region: 'Región',
      country: 'País',
      timezone: 'Zona horaria',
      schoolYearStartMonth: 'El año escolar empieza en',
    },
    hint: {
      code: 'El código que el ministerio asigna a la escuela, si lo hay.',
      timezone: 'Por ejemplo America/Lima.',
    },
  },
  pt: {
    title: 'Perfil da escola',
    lead: 'Um banco de dados do Beacon atende uma única escola. Estes dados a identificam.',
    readFailed: 'O Beacon não conseguiu ler o perfil da escola',
    form: 'Perfil da escola',
    notSaved: 'O perfil não foi salvo',
    saved: 'Perfil da escola salvo.',
    submit: 'Salvar perfil',
    field: {
      name: 'Nome da escola',
      code: 'Código da escola',
      region: 'Região',
      country: 'País',
      timezone: 'Fuso horário',
      schoolYearStartMonth: 'O ano letivo começa em',
    },
    hint: {
      code: 'O código que o ministério atribui à escola, se houver.',
      timezone: 'Por exemplo America/Sao_Paulo.',
    },
  },
});
