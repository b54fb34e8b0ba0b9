import type { ErrorCode } from '../../../../contract';
import type { Language } from '../languages';

/** What an error code means, and what the person can do about it. */
export interface ErrorText {
  message: string;
  action: string;
}

/**
 * Every error code in every language. Keyed by the contract's `ErrorCode`, so a code added to
 * contract/result.ts without its words here is a type error.
 */
export const errors: Record<Language, Record<ErrorCode, ErrorText>> = {
  en: {
    INVALID_INPUT: {
      message: 'Some of what was entered is not right.',
      action: 'Correct the fields named below and try again.',
    },
    UNKNOWN_REQUEST: {
      message: 'This version of the app asked for something its database process does not know.',
      action: 'Restart Beacon. If it happens again, reinstall the latest version.',
    },
    NOT_FOUND: {
      message: 'What you asked for is not there any more.',
      action: 'Someone may have removed it. Go back to the list and look again.',
    },
    CONFLICT: {
      message: 'This clashes with something already saved.',
      action: 'Check the details below, change what clashes and try again.',
    },
    FORBIDDEN: {
      message: 'Your account is not allowed to do this.',
      action: 'Ask an administrator or head teacher if you need it.',
    },
    UNAUTHENTICATED: {
      message: 'You are not signed in.',
      action: 'Sign in again and retry.',
    },
    DATABASE_NEWER: {
      message: 'The database was written by a newer version of Beacon.',
      action: 'Install the latest version of Beacon to open it.',
    },
    DATABASE_DIVERGED: {
      message: 'The database does not match this version of Beacon.',
      action: 'Do not write to it. Ask your IT contact to restore the last backup.',
    },
    DATABASE_ENCRYPTED: {
      message: 'The database is encrypted and Beacon has no key that opens it.',
      action: 'Ask your IT contact for the recovery key.',
    },
    INTERNAL: {
      message: 'Something went wrong inside Beacon.',
      action: 'Try again. If it keeps happening, restart Beacon and tell your IT contact.',
    },
    CENTRAL_UNREACHABLE: {
      message: 'The district server could not be reached.',
      action:
        'Check the network connection. Your work is kept on this laptop and will be sent next time.',
    },
    CENTRAL_SCHEMA_MISMATCH: {
      message: "The district server runs a different version of Beacon's sync.",
      action: 'Ask your IT contact to update Beacon or the district server.',
    },
    BUSY: {
      message: 'Beacon is busy with another task.',
      action: 'Wait a moment and try again.',
    },
    READ_ONLY: {
      message: 'The database file or its folder cannot be written.',
      action: 'Ask your IT contact to give Beacon write access to its data folder.',
    },
    DISK_FULL: {
      message: 'The disk is full.',
      action: 'Free some space on this laptop, then try again. Nothing was half-saved.',
    },
    DATABASE_DAMAGED: {
      message: 'The database file is damaged.',
      action: 'Ask your IT contact to restore the latest backup.',
    },
    BACKUP_REFUSED: {
      message: 'This backup cannot be restored.',
      action:
        'Choose another backup file: this one is damaged, not a Beacon backup, or belongs to another school.',
    },
    NOT_AVAILABLE: {
      message: 'This works only in the Beacon app.',
      action: 'Use Print instead, and choose “Save as PDF” as the printer.',
    },
    MODEL_REFUSED: {
      message: 'A model the district sent is damaged and was not used.',
      action: 'Nothing was changed. Ask the district to train your school again.',
    },
  },
  fr: {
    INVALID_INPUT: {
      message: "Une partie de ce qui a été saisi n'est pas correcte.",
      action: 'Corrigez les champs indiqués ci-dessous et réessayez.',
    },
    UNKNOWN_REQUEST: {
      message:
        "Cette version de l'application a demandé quelque chose que son processus de base de données ne connaît pas.",
      action: 'Redémarrez Beacon. Si cela se reproduit, installez la dernière version.',
    },
    NOT_FOUND: {
      message: "Ce que vous avez demandé n'existe plus.",
      action: "Quelqu'un l'a peut-être supprimé. Revenez à la liste et vérifiez.",
    },
    CONFLICT: {
      message: 'Cela entre en conflit avec un élément déjà enregistré.',
      action: 'Vérifiez les détails ci-dessous, modifiez ce qui pose problème et réessayez.',
    },
    FORBIDDEN: {
      message: "Votre compte n'est pas autorisé à faire cela.",
      action: "Demandez à un administrateur ou au chef d'établissement si vous en avez besoin.",
    },
    UNAUTHENTICATED: {
      message: "Vous n'êtes pas connecté.",
      action: 'Reconnectez-vous et réessayez.',
    },
    DATABASE_NEWER: {
      message: 'La base de données a été écrite par une version plus récente de Beacon.',
      action: "Installez la dernière version de Beacon pour l'ouvrir.",
    },
    DATABASE_DIVERGED: {
      message: 'La base de données ne correspond pas à cette version de Beacon.',
      action:
        "N'y écrivez rien. Demandez à votre contact informatique de restaurer la dernière sauvegarde.",
    },
    DATABASE_ENCRYPTED: {
      message: "La base de données est chiffrée et Beacon n'a aucune clé pour l'ouvrir.",
      action: 'Demandez la clé de récupération à votre contact informatique.',
    },
    INTERNAL: {
      message: "Un problème est survenu à l'intérieur de Beacon.",
      action:
        'Réessayez. Si cela continue, redémarrez Beacon et prévenez votre contact informatique.',
    },
    CENTRAL_UNREACHABLE: {
      message: 'Le serveur du district est injoignable.',
      action:
        'Vérifiez la connexion réseau. Votre travail reste sur cet ordinateur et sera envoyé la prochaine fois.',
    },
    CENTRAL_SCHEMA_MISMATCH: {
      message: 'Le serveur du district utilise une autre version de la synchronisation de Beacon.',
      action:
        'Demandez à votre contact informatique de mettre à jour Beacon ou le serveur du district.',
    },
    BUSY: {
      message: 'Beacon est occupé par une autre tâche.',
      action: 'Patientez un instant et réessayez.',
    },
    READ_ONLY: {
      message: "Le fichier de la base de données ou son dossier n'est pas modifiable.",
      action:
        "Demandez à votre contact informatique de donner à Beacon l'accès en écriture à son dossier de données.",
    },
    DISK_FULL: {
      message: 'Le disque est plein.',
      action:
        "Libérez de l'espace sur cet ordinateur, puis réessayez. Rien n'a été enregistré à moitié.",
    },
    DATABASE_DAMAGED: {
      message: 'Le fichier de la base de données est endommagé.',
      action: 'Demandez à votre contact informatique de restaurer la dernière sauvegarde.',
    },
    BACKUP_REFUSED: {
      message: 'Cette sauvegarde ne peut pas être restaurée.',
      action:
        "Choisissez une autre sauvegarde : celle-ci est endommagée, n'est pas une sauvegarde Beacon ou appartient à une autre école.",
    },
    NOT_AVAILABLE: {
      message: 'Cela ne fonctionne que dans l’application Beacon.',
      action: 'Utilisez plutôt Imprimer, avec l’imprimante « Enregistrer au format PDF ».',
    },
    MODEL_REFUSED: {
      message: "Un modèle envoyé par le district est endommagé et n'a pas été utilisé.",
      action: "Rien n'a été modifié. Demandez au district d'entraîner à nouveau votre école.",
    },
  },
  es: {
    INVALID_INPUT: {
      message: 'Parte de lo que se introdujo no es correcto.',
      action: 'Corrija los campos indicados abajo y vuelva a intentarlo.',
    },
    UNKNOWN_REQUEST: {
      message:
        'Esta versión de la aplicación pidió algo que su proceso de base de datos no conoce.',
      action: 'Reinicie Beacon. Si vuelve a ocurrir, instale la última versión.',
    },
    NOT_FOUND: {
      message: 'Lo que pidió ya no existe.',
      action: 'Puede que alguien lo haya eliminado. Vuelva a la lista y búsquelo de nuevo.',
    },
    CONFLICT: {
      message: 'Esto choca con algo que ya está guardado.',
      action: 'Revise los detalles de abajo, cambie lo que choca y vuelva a intentarlo.',
    },
    FORBIDDEN: {
      message: 'Su cuenta no tiene permiso para hacer esto.',
      action: 'Pida acceso a un administrador o al director si lo necesita.',
    },
    UNAUTHENTICATED: {
      message: 'No ha iniciado sesión.',
      action: 'Inicie sesión de nuevo y vuelva a intentarlo.',
    },
    DATABASE_NEWER: {
      message: 'La base de datos fue escrita por una versión más reciente de Beacon.',
      action: 'Instale la última versión de Beacon para abrirla.',
    },
    DATABASE_DIVERGED: {
      message: 'La base de datos no corresponde a esta versión de Beacon.',
      action:
        'No escriba en ella. Pida a su contacto de informática que restaure la última copia de seguridad.',
    },
    DATABASE_ENCRYPTED: {
      message: 'La base de datos está cifrada y Beacon no tiene ninguna clave que la abra.',
      action: 'Pida la clave de recuperación a su contacto de informática.',
    },
    INTERNAL: {
      message: 'Algo falló dentro de Beacon.',
      action:
        'Vuelva a intentarlo. Si sigue ocurriendo, reinicie Beacon y avise a su contacto de informática.',
    },
    CENTRAL_UNREACHABLE: {
      message: 'No se pudo contactar con el servidor del distrito.',
      action:
        'Revise la conexión de red. Su trabajo queda en este equipo y se enviará la próxima vez.',
    },
    CENTRAL_SCHEMA_MISMATCH: {
      message: 'El servidor del distrito usa otra versión de la sincronización de Beacon.',
      action: 'Pida a su contacto de informática que actualice Beacon o el servidor del distrito.',
    },
    BUSY: {
      message: 'Beacon está ocupado con otra tarea.',
      action: 'Espere un momento y vuelva a intentarlo.',
    },
    READ_ONLY: {
      message: 'No se puede escribir en el archivo de la base de datos ni en su carpeta.',
      action:
        'Pida a su contacto de informática que dé a Beacon permiso de escritura en su carpeta de datos.',
    },
    DISK_FULL: {
      message: 'El disco está lleno.',
      action:
        'Libere espacio en este equipo y vuelva a intentarlo. No quedó nada guardado a medias.',
    },
    DATABASE_DAMAGED: {
      message: 'El archivo de la base de datos está dañado.',
      action: 'Pida a su contacto de informática que restaure la última copia de seguridad.',
    },
    BACKUP_REFUSED: {
      message: 'Esta copia de seguridad no se puede restaurar.',
      action:
        'Elija otra copia: esta está dañada, no es una copia de Beacon o pertenece a otra escuela.',
    },
    NOT_AVAILABLE: {
      message: 'Esto solo funciona en la aplicación Beacon.',
      action: 'Use Imprimir y elija «Guardar como PDF» como impresora.',
    },
    MODEL_REFUSED: {
      message: 'Un modelo enviado por el distrito está dañado y no se usó.',
      action: 'No se cambió nada. Pida al distrito que vuelva a entrenar su escuela.',
    },
  },
  pt: {
    INVALID_INPUT: {
      message: 'Parte do que foi digitado não está correta.',
      action: 'Corrija os campos indicados abaixo e tente novamente.',
    },
    UNKNOWN_REQUEST: {
      message:
        'Esta versão do aplicativo pediu algo que seu processo de banco de dados não conhece.',
      action: 'Reinicie o Beacon. Se acontecer de novo, instale a versão mais recente.',
    },
    NOT_FOUND: {
      message: 'O que você pediu não existe mais.',
      action: 'Alguém pode tê-lo removido. Volte à lista e procure novamente.',
    },
    CONFLICT: {
      message: 'Isso entra em conflito com algo já salvo.',
      action: 'Verifique os detalhes abaixo, altere o que conflita e tente novamente.',
    },
    FORBIDDEN: {
      message: 'Sua conta não tem permissão para fazer isso.',
      action: 'Peça a um administrador ou ao diretor se precisar.',
    },
    UNAUTHENTICATED: {
      message: 'Você não está conectado.',
      action: 'Entre novamente e tente outra vez.',
    },
    DATABASE_NEWER: {
      message: 'O banco de dados foi gravado por uma versão mais recente do Beacon.',
      action: 'Instale a versão mais recente do Beacon para abri-lo.',
    },
    DATABASE_DIVERGED: {
      message: 'O banco de dados não corresponde a esta versão do Beacon.',
      action:
        'Não grave nada nele. Peça ao seu contato de informática para restaurar o último backup.',
    },
    DATABASE_ENCRYPTED: {
      message: 'O banco de dados está criptografado e o Beacon não tem nenhuma chave que o abra.',
      action: 'Peça a chave de recuperação ao seu contato de informática.',
    },
    INTERNAL: {
      message: 'Algo deu errado dentro do Beacon.',
      action:
        'Tente novamente. Se continuar acontecendo, reinicie o Beacon e avise seu contato de informática.',
    },
    CENTRAL_UNREACHABLE: {
      message: 'Não foi possível contactar o servidor do distrito.',
      action:
        'Verifique a ligação de rede. O seu trabalho fica neste computador e será enviado na próxima vez.',
    },
    CENTRAL_SCHEMA_MISMATCH: {
      message: 'O servidor do distrito usa outra versão da sincronização do Beacon.',
      action:
        'Peça ao seu contato de informática para atualizar o Beacon ou o servidor do distrito.',
    },
    BUSY: {
      message: 'O Beacon está ocupado com outra tarefa.',
      action: 'Aguarde um momento e tente novamente.',
    },
    READ_ONLY: {
      message: 'Não é possível gravar no arquivo do banco de dados ou na sua pasta.',
      action:
        'Peça ao seu contato de informática para dar ao Beacon acesso de gravação à pasta de dados.',
    },
    DISK_FULL: {
      message: 'O disco está cheio.',
      action: 'Libere espaço neste computador e tente novamente. Nada foi gravado pela metade.',
    },
    DATABASE_DAMAGED: {
      message: 'O arquivo do banco de dados está danificado.',
      action: 'Peça ao seu contato de informática para restaurar o backup mais recente.',
    },
    BACKUP_REFUSED: {
      message: 'Este backup não pode ser restaurado.',
      action:
        'Escolha outro arquivo: este está danificado, não é um backup do Beacon ou pertence a outra escola.',
    },
    NOT_AVAILABLE: {
      message: 'Isto só funciona no aplicativo Beacon.',
      action: 'Use Imprimir e escolha “Salvar como PDF” como impressora.',
    },
    MODEL_REFUSED: {
      message: 'Um modelo enviado pelo distrito está danificado e não foi usado.',
      action: 'Nada foi alterado. Peça ao distrito para treinar sua escola novamente.',
    },
  },
};
