import { defineCatalog } from '../messages';

/** The window around every page: navigation, skip link, user menu, language, not found. */
export const shell = defineCatalog({
  en: {
    skipToContent: 'Skip to main content',
    mainNav: 'Main',
    moreMenu: { leader: 'Administration', teacher: 'More', overview: 'Overview' },
    signOut: 'Sign out',
    userWithRole: '{{name}} ({{role}})',
    language: 'Language',
    notFound: {
      title: 'Page not found',
      body: 'There is no page here.',
      home: 'Go to the home page',
    },
    forbidden: {
      title: 'Not for your role',
      body: 'Your account cannot open this page. Ask an administrator if you need it.',
    },
    startFailed: 'Beacon could not start',
  },
  fr: {
    skipToContent: 'Aller au contenu principal',
    mainNav: 'Principale',
    moreMenu: { leader: 'Administration', teacher: 'Plus', overview: "Vue d'ensemble" },
    signOut: 'Se déconnecter',
    userWithRole: '{{name}} ({{role}})',
    language: 'Langue',
    notFound: {
      title: 'Page introuvable',
      body: "Il n'y a pas de page ici.",
      home: "Aller à la page d'accueil",
    },
    forbidden: {
      title: 'Pas pour votre rôle',
      body: 'Votre compte ne peut pas ouvrir cette page. Demandez à un administrateur si vous en avez besoin.',
    },
    startFailed: "Beacon n'a pas pu démarrer",
  },
  es: {
    skipToContent: 'Saltar al contenido principal',
    mainNav: 'Principal',
    moreMenu: { leader: 'Administración', teacher: 'Más', overview: 'Resumen' },
    signOut: 'Cerrar sesión',
    userWithRole: '{{name}} ({{role}})',
    language: 'Idioma',
    notFound: {
      title: 'Página no encontrada',
      body: 'Aquí no hay ninguna página.',
      home: 'Ir a la página de inicio',
    },
    forbidden: {
      title: 'No disponible para su rol',
      body: 'Su cuenta no puede abrir esta página. Pida acceso a un administrador si lo necesita.',
    },
    startFailed: 'Beacon no pudo iniciarse',
  },
  pt: {
    skipToContent: 'Pular para o conteúdo principal',
    mainNav: 'Principal',
    moreMenu: { leader: 'Administração', teacher: 'Mais', overview: 'Visão geral' },
    signOut: 'Sair',
    userWithRole: '{{name}} ({{role}})',
    language: 'Idioma',
    notFound: {
      title: 'Página não encontrada',
      body: 'Não há nenhuma página aqui.',
      home: 'Ir para a página inicial',
    },
    forbidden: {
      title: 'Não disponível para o seu perfil',
      body: 'Sua conta não pode abrir esta página. Peça acesso a um administrador se precisar.',
    },
    startFailed: 'O Beacon não conseguiu iniciar',
  },
});
