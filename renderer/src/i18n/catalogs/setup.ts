import { defineCatalog } from '../messages';

/** First run: set up a school or load the demo school. */
export const setup = defineCatalog({
  en: {
    title: 'Set up your school',
    lead: 'Welcome to Beacon. Set up your own school, or look around first in a demo school.',
    choice: {
      legend: 'How would you like to start?',
      school: 'Set up your school',
      schoolHint:
        'Name your school and create the administrator account; you can add teachers afterwards.',
      demo: 'Explore Beacon with a demo school',
      demoHint:
        'Beacon invents a school with three years of attendance, marks and incidents, and trains its risk model on them. Nobody in it is real.',
    },
    field: {
      schoolName: 'School name',
      username: 'Username',
      displayName: 'Your name',
      password: 'Password',
      confirm: 'Confirm password',
    },
    hint: {
      displayName: 'As colleagues will see it.',
      username: 'You sign in with it: letters, digits, dots, hyphens or underscores.',
      password: 'At least 10 characters.',
    },
    mismatch: 'Confirm password does not match the password.',
    notSetUp: 'Beacon was not set up',
    submit: 'Set up Beacon',
    submitting: 'Setting up…',
    demo: {
      form: 'Explore Beacon with a demo school',
      notLoaded: 'The demo school was not loaded',
      intro:
        "You will be the demo school's administrator. Keep the password: you need it to sign in again.",
      size: 'Size of the demo school',
      sizeHint: 'A larger school takes longer to load.',
      small: 'Small ({{count}} students)',
      medium: 'Medium ({{count}} students)',
      large: 'Large ({{count}} students)',
      submit: 'Load the demo school',
      submitting: 'Starting…',
      loading: 'Loading the demo school',
      explain:
        "Beacon is inventing three years of a school's life, saving it as staff would, and then training a risk model on it. This takes a few minutes on a slow laptop.",
      failed: 'The demo school did not finish loading',
      noReason: 'The job stopped without saying why.',
      signedInAs:
        'You are signed in as {{name}}. What was written before the job stopped stays in Beacon.',
      continue: 'Continue to Beacon',
      step: {
        queued: 'Getting ready…',
        retrying: 'Trying again…',
        writing: "Step 1 of 2: writing the school's history",
        training: 'Step 2 of 2: training the risk model',
        succeeded: 'Done: opening Beacon…',
      },
    },
  },
  fr: {
    title: 'Configurer votre établissement',
    lead: "Bienvenue dans Beacon. Configurez votre propre établissement, ou découvrez d'abord un établissement de démonstration.",
    choice: {
      legend: 'Comment voulez-vous commencer ?',
      school: 'Configurer votre établissement',
      schoolHint:
        'Nommez votre établissement et créez le compte administrateur ; vous pourrez ajouter les enseignants ensuite.',
      demo: 'Découvrir Beacon avec un établissement de démonstration',
      demoHint:
        "Beacon invente un établissement avec trois années de présences, de notes et d'incidents, et entraîne son modèle de risque dessus. Personne n'y est réel.",
    },
    field: {
      schoolName: "Nom de l'établissement",
      username: "Nom d'utilisateur",
      displayName: 'Votre nom',
      password: 'Mot de passe',
      confirm: 'Confirmer le mot de passe',
    },
    hint: {
      displayName: 'Tel que vos collègues le verront.',
      username:
        'Vous vous connectez avec : lettres, chiffres, points, traits d’union ou tirets bas.',
      password: 'Au moins 10 caractères.',
    },
    mismatch: 'La confirmation ne correspond pas au mot de passe.',
    notSetUp: "Beacon n'a pas été configuré",
    submit: 'Configurer Beacon',
    submitting: 'Configuration…',
    demo: {
      form: 'Découvrir Beacon avec un établissement de démonstration',
      notLoaded: "L'établissement de démonstration n'a pas été chargé",
      intro:
        "Vous serez l'administrateur de l'établissement de démonstration. Gardez le mot de passe : il vous servira pour vous reconnecter.",
      size: "Taille de l'établissement de démonstration",
      sizeHint: 'Un établissement plus grand met plus de temps à charger.',
      small: 'Petit ({{count}} élèves)',
      medium: 'Moyen ({{count}} élèves)',
      large: 'Grand ({{count}} élèves)',
      submit: "Charger l'établissement de démonstration",
      submitting: 'Démarrage…',
      loading: "Chargement de l'établissement de démonstration",
      explain:
        "Beacon invente trois années de la vie d'un établissement, les enregistre comme le ferait le personnel, puis entraîne un modèle de risque dessus. Cela prend quelques minutes sur un ordinateur lent.",
      failed: "L'établissement de démonstration n'a pas fini de charger",
      noReason: "La tâche s'est arrêtée sans en donner la raison.",
      signedInAs:
        "Vous êtes connecté en tant que {{name}}. Ce qui a été écrit avant l'arrêt de la tâche reste dans Beacon.",
      continue: 'Continuer vers Beacon',
      step: {
        queued: 'Préparation…',
        retrying: 'Nouvel essai…',
        writing: "Étape 1 sur 2 : écriture de l'historique de l'établissement",
        training: 'Étape 2 sur 2 : entraînement du modèle de risque',
        succeeded: 'Terminé : ouverture de Beacon…',
      },
    },
  },
  es: {
    title: 'Configure su escuela',
    lead: 'Bienvenido a Beacon. Configure su propia escuela o explore primero una escuela de demostración.',
    choice: {
      legend: '¿Cómo quiere empezar?',
      school: 'Configure su escuela',
      schoolHint:
        'Ponga nombre a su escuela y cree la cuenta de administrador; podrá añadir docentes después.',
      demo: 'Explore Beacon con una escuela de demostración',
      demoHint:
        'Beacon inventa una escuela con tres años de asistencia, notas e incidentes, y entrena su modelo de riesgo con ellos. Nadie en ella es real.',
    },
    field: {
      schoolName: 'Nombre de la escuela',
      username: 'Usuario',
      displayName: 'Su nombre',
      password: 'Contraseña',
      confirm: 'Confirmar contraseña',
    },
    hint: {
      displayName: 'Tal como lo verán sus colegas.',
      username: 'Con él inicia sesión: letras, dígitos, puntos, guiones o guiones bajos.',
      password: 'Al menos 10 caracteres.',
    },
    mismatch: 'La confirmación no coincide con la contraseña.',
    notSetUp: 'Beacon no se configuró',
    submit: 'Configurar Beacon',
    submitting: 'Configurando…',
    demo: {
      form: 'Explore Beacon con una escuela de demostración',
      notLoaded: 'La escuela de demostración no se cargó',
      intro:
        'Usted será el administrador de la escuela de demostración. Guarde la contraseña: la necesitará para volver a iniciar sesión.',
      size: 'Tamaño de la escuela de demostración',
      sizeHint: 'Una escuela más grande tarda más en cargarse.',
      small: 'Pequeña ({{count}} estudiantes)',
      medium: 'Mediana ({{count}} estudiantes)',
      large: 'Grande ({{count}} estudiantes)',
      submit: 'Cargar la escuela de demostración',
      submitting: 'Iniciando…',
      loading: 'Cargando la escuela de demostración',
      explain:
        'Beacon está inventando tres años de la vida de una escuela, guardándolos como lo haría el personal, y después entrena un modelo de riesgo con ellos. Tarda unos minutos en un portátil lento.',
      failed: 'La escuela de demostración no terminó de cargarse',
      noReason: 'La tarea se detuvo sin indicar el motivo.',
      signedInAs:
        'Ha iniciado sesión como {{name}}. Lo que se escribió antes de que la tarea se detuviera queda en Beacon.',
      continue: 'Continuar a Beacon',
      step: {
        queued: 'Preparando…',
        retrying: 'Intentándolo de nuevo…',
        writing: 'Paso 1 de 2: escribiendo la historia de la escuela',
        training: 'Paso 2 de 2: entrenando el modelo de riesgo',
        succeeded: 'Listo: abriendo Beacon…',
      },
    },
  },
  pt: {
    title: 'Configure sua escola',
    lead: 'Bem-vindo ao Beacon. Configure sua própria escola ou explore antes uma escola de demonstração.',
    choice: {
      legend: 'Como você quer começar?',
      school: 'Configure sua escola',
      schoolHint:
        'Dê um nome à sua escola e crie a conta de administrador; você pode adicionar professores depois.',
      demo: 'Explore o Beacon com uma escola de demonstração',
      demoHint:
        'O Beacon inventa uma escola com três anos de frequência, notas e ocorrências, e treina seu modelo de risco com eles. Ninguém nela é real.',
    },
    field: {
      schoolName: 'Nome da escola',
      username: 'Usuário',
      displayName: 'Seu nome',
      password: 'Senha',
      confirm: 'Confirmar senha',
    },
    hint: {
      displayName: 'Como os colegas o verão.',
      username: 'Você entra com ele: letras, dígitos, pontos, hifens ou sublinhados.',
      password: 'Pelo menos 10 caracteres.',
    },
    mismatch: 'A confirmação não corresponde à senha.',
    notSetUp: 'O Beacon não foi configurado',
    submit: 'Configurar o Beacon',
    submitting: 'Configurando…',
    demo: {
      form: 'Explore o Beacon com uma escola de demonstração',
      notLoaded: 'A escola de demonstração não foi carregada',
      intro:
        'Você será o administrador da escola de demonstração. Guarde a senha: você precisará dela para entrar de novo.',
      size: 'Tamanho da escola de demonstração',
      sizeHint: 'Uma escola maior demora mais para carregar.',
      small: 'Pequena ({{count}} alunos)',
      medium: 'Média ({{count}} alunos)',
      large: 'Grande ({{count}} alunos)',
      submit: 'Carregar a escola de demonstração',
      submitting: 'Iniciando…',
      loading: 'Carregando a escola de demonstração',
      explain:
        'O Beacon está inventando três anos da vida de uma escola, salvando-os como a equipe faria, e depois treina um modelo de risco com eles. Isso leva alguns minutos em um notebook lento.',
      failed: 'A escola de demonstração não terminou de carregar',
      noReason: 'A tarefa parou sem dizer o motivo.',
      signedInAs:
        'Você entrou como {{name}}. O que foi gravado antes de a tarefa parar continua no Beacon.',
      continue: 'Continuar para o Beacon',
      step: {
        queued: 'Preparando…',
        retrying: 'Tentando novamente…',
        writing: 'Passo 1 de 2: gravando a história da escola',
        training: 'Passo 2 de 2: treinando o modelo de risco',
        succeeded: 'Pronto: abrindo o Beacon…',
      },
    },
  },
});
