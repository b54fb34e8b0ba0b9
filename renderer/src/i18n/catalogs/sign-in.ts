import { defineCatalog } from '../messages';

/** The sign-in page. */
export const signIn = defineCatalog({
  en: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    notSignedIn: 'You are not signed in',
    empty: 'Enter your username and password.',
    wrong: 'The username or password is not right.',
    locked:
      'This account is locked until {{time}} after too many failed sign-ins. Try again then, or ask an administrator to unlock it.',
    disabled: 'This account is disabled. Ask an administrator to enable it.',
  },
  fr: {
    title: 'Connexion',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    notSignedIn: "Vous n'êtes pas connecté",
    empty: "Saisissez votre nom d'utilisateur et votre mot de passe.",
    wrong: "Le nom d'utilisateur ou le mot de passe n'est pas correct.",
    locked:
      "Ce compte est verrouillé jusqu'à {{time}} après trop d'échecs de connexion. Réessayez ensuite, ou demandez à un administrateur de le déverrouiller.",
    disabled: 'Ce compte est désactivé. Demandez à un administrateur de le réactiver.',
  },
  es: {
    title: 'Iniciar sesión',
    username: 'Usuario',
    password: 'Contraseña',
    submit: 'Iniciar sesión',
    submitting: 'Iniciando sesión…',
    notSignedIn: 'No ha iniciado sesión',
    empty: 'Introduzca su usuario y su contraseña.',
    wrong: 'El usuario o la contraseña no son correctos.',
    locked:
      'Esta cuenta está bloqueada hasta las {{time}} tras demasiados intentos fallidos. Vuelva a intentarlo entonces o pida a un administrador que la desbloquee.',
    disabled: 'Esta cuenta está desactivada. Pida a un administrador que la active.',
  },
  pt: {
    title: 'Entrar',
    username: 'Usuário',
    password: 'Senha',
    submit: 'Entrar',
    submitting: 'Entrando…',
    notSignedIn: 'Você não está conectado',
    empty: 'Digite seu usuário e sua senha.',
    wrong: 'O usuário ou a senha não estão corretos.',
    locked:
      'Esta conta está bloqueada até {{time}} após muitas tentativas com erro. Tente novamente depois ou peça a um administrador para desbloqueá-la.',
    disabled: 'Esta conta está desativada. Peça a um administrador para ativá-la.',
  },
});
