import { defineCatalog } from '../messages';

/** The at-risk list. */
export const risk = defineCatalog({
  en: {
    title: 'At risk',
    readFailed: 'Beacon could not read the risk list',
    noModel: 'No risk model has been trained yet.',
    noModelHint: "Beacon trains one on the school's own history once it holds enough of it.",
    scoredBy: 'Scores from the {{model}} model trained on {{date}}.',
    empty: 'No students to show.',
    filters: 'Filter the list',
    tierFilter: 'Risk tier',
    classFilter: 'Class',
    allTiers: 'All tiers',
    allClasses: 'All classes',
    matching_one: '{{count}} student matches.',
    matching_other: '{{count}} students match.',
    print: 'Print the list',
    printTitle: 'Students at risk of dropping out',
    printFacts: '{{school}} · printed {{date}} · {{model}} model of {{trained}} ({{version}})',
    printScope: 'Class: {{className}} · tier: {{tier}}',
    tableCaption: 'Scored students, highest risk first',
    readingScores: 'A risk reads as a share of past students: {{score}} means {{words}}.',
    words: {
      within: {
        year1: 'within a year',
        year2: 'within two years',
        year3: 'within three years',
        months_one: 'within {{count}} month',
        months_other: 'within {{count}} months',
      },
      score: {
        about_one: 'about {{count}} in 100 students with this record left school {{within}}',
        about_other: 'about {{count}} in 100 students with this record left school {{within}}',
        fewer: 'fewer than 1 in 100 students with this record left school {{within}}',
        more: 'more than 99 in 100 students with this record left school {{within}}',
      },
    },
    quality: {
      heading: 'How often the tiers were right',
      intro:
        'Checked on past students the model did not learn from, whose outcome the school knows.',
      placed_one: '{{count}} past student was placed here.',
      placed_other: '{{count}} past students were placed here.',
      precision: {
        about_one: 'About {{count}} in 100 of them left school {{within}} (precision).',
        about_other: 'About {{count}} in 100 of them left school {{within}} (precision).',
        fewer: 'Fewer than 1 in 100 of them left school {{within}} (precision).',
        more: 'More than 99 in 100 of them left school {{within}} (precision).',
        none: 'None of them left school {{within}} (precision).',
        all: 'All of them left school {{within}} (precision).',
        unknown: 'No past student was placed here, so there is nothing to check.',
      },
      recall: {
        about:
          'Of all the past students who left, this tier found about {{per100}} in 100 (recall).',
        fewer: 'Of all the past students who left, this tier found fewer than 1 in 100 (recall).',
        more: 'Of all the past students who left, this tier found more than 99 in 100 (recall).',
        none: 'This tier found none of the past students who left (recall).',
        all: 'This tier found every past student who left (recall).',
        unknown: 'None of the past students left school, so there was no one to find.',
      },
      missing:
        'This model kept no figures on past students it did not learn from, so Beacon cannot say how often its tiers are right. The next training records them.',
    },
    column: {
      name: 'Student',
      number: 'Number',
      className: 'Class',
      tier: 'Tier',
      score: 'Risk',
      reason: 'Main reason',
    },
    model: {
      logistic: 'logistic regression',
      mlp: 'neural network',
      forest: 'random forest',
      boosting: 'gradient-boosted trees',
      ensemble: 'ensemble',
    },
  },
  fr: {
    title: 'À risque',
    readFailed: "Beacon n'a pas pu lire la liste des élèves à risque",
    noModel: "Aucun modèle de risque n'a encore été entraîné.",
    noModelHint:
      "Beacon en entraîne un sur l'historique de l'établissement dès qu'il en contient assez.",
    scoredBy: 'Scores du modèle {{model}} entraîné le {{date}}.',
    empty: 'Aucun élève à afficher.',
    filters: 'Filtrer la liste',
    tierFilter: 'Niveau de risque',
    classFilter: 'Classe',
    allTiers: 'Tous les niveaux',
    allClasses: 'Toutes les classes',
    matching_one: '{{count}} élève correspond.',
    matching_other: '{{count}} élèves correspondent.',
    print: 'Imprimer la liste',
    printTitle: 'Élèves à risque de décrochage',
    printFacts: '{{school}} · imprimé le {{date}} · modèle {{model}} du {{trained}} ({{version}})',
    printScope: 'Classe : {{className}} · niveau : {{tier}}',
    tableCaption: 'Élèves évalués, risque le plus élevé en premier',
    readingScores:
      'Un risque se lit comme une part d’anciens élèves ; par exemple {{score}} : {{words}}.',
    words: {
      within: {
        year1: 'dans l’année qui a suivi',
        year2: 'dans les deux ans qui ont suivi',
        year3: 'dans les trois ans qui ont suivi',
        months_one: 'dans le mois qui a suivi',
        months_other: 'dans les {{count}} mois qui ont suivi',
      },
      score: {
        about_one:
          'environ {{count}} élève sur 100 au dossier semblable a quitté l’école {{within}}',
        about_other:
          'environ {{count}} élèves sur 100 au dossier semblable ont quitté l’école {{within}}',
        fewer: 'moins de 1 élève sur 100 au dossier semblable a quitté l’école {{within}}',
        more: 'plus de 99 élèves sur 100 au dossier semblable ont quitté l’école {{within}}',
      },
    },
    quality: {
      heading: 'Les niveaux ont-ils vu juste ?',
      intro:
        'Vérifié sur d’anciens élèves dont le modèle n’a pas appris, et dont l’établissement connaît le parcours.',
      placed_one: '{{count}} ancien élève a été placé ici.',
      placed_other: '{{count}} anciens élèves ont été placés ici.',
      precision: {
        about_one: 'Environ {{count}} sur 100 a quitté l’école {{within}} (précision).',
        about_other: 'Environ {{count}} sur 100 ont quitté l’école {{within}} (précision).',
        fewer: 'Moins de 1 sur 100 a quitté l’école {{within}} (précision).',
        more: 'Plus de 99 sur 100 ont quitté l’école {{within}} (précision).',
        none: 'Aucun n’a quitté l’école {{within}} (précision).',
        all: 'Tous ont quitté l’école {{within}} (précision).',
        unknown: 'Aucun ancien élève n’a été placé ici : il n’y a rien à vérifier.',
      },
      recall: {
        about:
          'De tous les anciens élèves partis, ce niveau en a repéré environ {{per100}} sur 100 (rappel).',
        fewer:
          'De tous les anciens élèves partis, ce niveau en a repéré moins de 1 sur 100 (rappel).',
        more: 'De tous les anciens élèves partis, ce niveau en a repéré plus de 99 sur 100 (rappel).',
        none: 'Ce niveau n’a repéré aucun des anciens élèves partis (rappel).',
        all: 'Ce niveau a repéré tous les anciens élèves partis (rappel).',
        unknown: 'Aucun ancien élève n’a quitté l’école : il n’y avait personne à repérer.',
      },
      missing:
        'Ce modèle n’a gardé aucun chiffre sur des élèves dont il n’a pas appris : Beacon ne peut pas dire si ses niveaux voient juste. Le prochain entraînement les enregistre.',
    },
    column: {
      name: 'Élève',
      number: 'Matricule',
      className: 'Classe',
      tier: 'Niveau',
      score: 'Risque',
      reason: 'Raison principale',
    },
    model: {
      logistic: 'de régression logistique',
      mlp: 'de réseau de neurones',
      forest: 'de forêt aléatoire',
      boosting: "d'arbres à gradient renforcé",
      ensemble: "d'ensemble",
    },
  },
  es: {
    title: 'En riesgo',
    readFailed: 'Beacon no pudo leer la lista de riesgo',
    noModel: 'Todavía no se ha entrenado ningún modelo de riesgo.',
    noModelHint: 'Beacon entrena uno con la historia de la propia escuela cuando tiene suficiente.',
    scoredBy: 'Puntuaciones del modelo de {{model}} entrenado el {{date}}.',
    empty: 'No hay estudiantes que mostrar.',
    filters: 'Filtrar la lista',
    tierFilter: 'Nivel de riesgo',
    classFilter: 'Clase',
    allTiers: 'Todos los niveles',
    allClasses: 'Todas las clases',
    matching_one: '{{count}} estudiante coincide.',
    matching_other: '{{count}} estudiantes coinciden.',
    print: 'Imprimir la lista',
    printTitle: 'Estudiantes en riesgo de abandono',
    printFacts:
      '{{school}} · impreso el {{date}} · modelo de {{model}} del {{trained}} ({{version}})',
    printScope: 'Clase: {{className}} · nivel: {{tier}}',
    tableCaption: 'Estudiantes puntuados, mayor riesgo primero',
    readingScores:
      'Un riesgo se lee como una parte de estudiantes anteriores: {{score}} significa que {{words}}.',
    words: {
      within: {
        year1: 'en el año siguiente',
        year2: 'en los dos años siguientes',
        year3: 'en los tres años siguientes',
        months_one: 'en el mes siguiente',
        months_other: 'en los {{count}} meses siguientes',
      },
      score: {
        about_one:
          'alrededor de {{count}} de cada 100 estudiantes con un historial como este dejó la escuela {{within}}',
        about_other:
          'alrededor de {{count}} de cada 100 estudiantes con un historial como este dejaron la escuela {{within}}',
        fewer:
          'menos de 1 de cada 100 estudiantes con un historial como este dejó la escuela {{within}}',
        more: 'más de 99 de cada 100 estudiantes con un historial como este dejaron la escuela {{within}}',
      },
    },
    quality: {
      heading: '¿Cuántas veces acertaron los niveles?',
      intro:
        'Comprobado con estudiantes anteriores de los que el modelo no aprendió y cuyo desenlace conoce la escuela.',
      placed_one: '{{count}} estudiante anterior quedó en este nivel.',
      placed_other: '{{count}} estudiantes anteriores quedaron en este nivel.',
      precision: {
        about_one: 'Alrededor de {{count}} de cada 100 dejó la escuela {{within}} (precisión).',
        about_other:
          'Alrededor de {{count}} de cada 100 dejaron la escuela {{within}} (precisión).',
        fewer: 'Menos de 1 de cada 100 dejó la escuela {{within}} (precisión).',
        more: 'Más de 99 de cada 100 dejaron la escuela {{within}} (precisión).',
        none: 'Ninguno dejó la escuela {{within}} (precisión).',
        all: 'Todos dejaron la escuela {{within}} (precisión).',
        unknown: 'Ningún estudiante anterior quedó en este nivel: no hay nada que comprobar.',
      },
      recall: {
        about:
          'De todos los estudiantes anteriores que se fueron, este nivel encontró alrededor de {{per100}} de cada 100 (sensibilidad).',
        fewer:
          'De todos los estudiantes anteriores que se fueron, este nivel encontró menos de 1 de cada 100 (sensibilidad).',
        more: 'De todos los estudiantes anteriores que se fueron, este nivel encontró más de 99 de cada 100 (sensibilidad).',
        none: 'Este nivel no encontró a ninguno de los estudiantes anteriores que se fueron (sensibilidad).',
        all: 'Este nivel encontró a todos los estudiantes anteriores que se fueron (sensibilidad).',
        unknown: 'Ningún estudiante anterior dejó la escuela: no había nadie que encontrar.',
      },
      missing:
        'Este modelo no guardó cifras sobre estudiantes de los que no aprendió, así que Beacon no puede decir cuántas veces aciertan sus niveles. El próximo entrenamiento las registra.',
    },
    column: {
      name: 'Estudiante',
      number: 'Número',
      className: 'Clase',
      tier: 'Nivel',
      score: 'Riesgo',
      reason: 'Motivo principal',
    },
    model: {
      logistic: 'regresión logística',
      mlp: 'red neuronal',
      forest: 'bosque aleatorio',
      boosting: 'árboles potenciados por gradiente',
      ensemble: 'conjunto',
    },
  },
  pt: {
    title: 'Em risco',
    readFailed: 'O Beacon não conseguiu ler a lista de risco',
    noModel: 'Nenhum modelo de risco foi treinado ainda.',
    noModelHint:
      'O Beacon treina um com o histórico da própria escola assim que tiver o suficiente.',
    scoredBy: 'Pontuações do modelo de {{model}} treinado em {{date}}.',
    empty: 'Nenhum aluno para mostrar.',
    filters: 'Filtrar a lista',
    tierFilter: 'Nível de risco',
    classFilter: 'Turma',
    allTiers: 'Todos os níveis',
    allClasses: 'Todas as turmas',
    matching_one: '{{count}} aluno corresponde.',
    matching_other: '{{count}} alunos correspondem.',
    print: 'Imprimir a lista',
    printTitle: 'Alunos em risco de evasão',
    printFacts:
      '{{school}} · impresso em {{date}} · modelo de {{model}} de {{trained}} ({{version}})',
    printScope: 'Turma: {{className}} · nível: {{tier}}',
    tableCaption: 'Alunos pontuados, maior risco primeiro',
    readingScores:
      'Um risco se lê como uma parte de alunos anteriores: {{score}} quer dizer que {{words}}.',
    words: {
      within: {
        year1: 'no ano seguinte',
        year2: 'nos dois anos seguintes',
        year3: 'nos três anos seguintes',
        months_one: 'no mês seguinte',
        months_other: 'nos {{count}} meses seguintes',
      },
      score: {
        about_one:
          'cerca de {{count}} em cada 100 alunos com um histórico como este deixou a escola {{within}}',
        about_other:
          'cerca de {{count}} em cada 100 alunos com um histórico como este deixaram a escola {{within}}',
        fewer:
          'menos de 1 em cada 100 alunos com um histórico como este deixou a escola {{within}}',
        more: 'mais de 99 em cada 100 alunos com um histórico como este deixaram a escola {{within}}',
      },
    },
    quality: {
      heading: 'Quantas vezes os níveis acertaram',
      intro:
        'Verificado com alunos anteriores com os quais o modelo não aprendeu e cujo desfecho a escola conhece.',
      placed_one: '{{count}} aluno anterior ficou neste nível.',
      placed_other: '{{count}} alunos anteriores ficaram neste nível.',
      precision: {
        about_one: 'Cerca de {{count}} em cada 100 deixou a escola {{within}} (precisão).',
        about_other: 'Cerca de {{count}} em cada 100 deixaram a escola {{within}} (precisão).',
        fewer: 'Menos de 1 em cada 100 deixou a escola {{within}} (precisão).',
        more: 'Mais de 99 em cada 100 deixaram a escola {{within}} (precisão).',
        none: 'Nenhum deixou a escola {{within}} (precisão).',
        all: 'Todos deixaram a escola {{within}} (precisão).',
        unknown: 'Nenhum aluno anterior ficou neste nível: não há nada a verificar.',
      },
      recall: {
        about:
          'De todos os alunos anteriores que saíram, este nível encontrou cerca de {{per100}} em cada 100 (sensibilidade).',
        fewer:
          'De todos os alunos anteriores que saíram, este nível encontrou menos de 1 em cada 100 (sensibilidade).',
        more: 'De todos os alunos anteriores que saíram, este nível encontrou mais de 99 em cada 100 (sensibilidade).',
        none: 'Este nível não encontrou nenhum dos alunos anteriores que saíram (sensibilidade).',
        all: 'Este nível encontrou todos os alunos anteriores que saíram (sensibilidade).',
        unknown: 'Nenhum aluno anterior deixou a escola: não havia ninguém a encontrar.',
      },
      missing:
        'Este modelo não guardou números sobre alunos com os quais não aprendeu, por isso o Beacon não pode dizer quantas vezes seus níveis acertam. O próximo treinamento os registra.',
    },
    column: {
      name: 'Aluno',
      number: 'Matrícula',
      className: 'Turma',
      tier: 'Nível',
      score: 'Risco',
      reason: 'Motivo principal',
    },
    model: {
      logistic: 'regressão logística',
      mlp: 'rede neural',
      forest: 'floresta aleatória',
      boosting: 'árvores com gradient boosting',
      ensemble: 'conjunto',
    },
  },
});
