/**
 * French messages about links and the device: a link kept for the session, forgetting it, a
 * link that opens another page. Merged into fr.ts; same typography rules (see there).
 */
export const frSession = {
  "link.noToken": "Ouvrez le lien reçu dans la discussion du webinaire.",
  "link.noToken.console": "Ouvrez le lien d’animation reçu à la création de la séance.",
  "link.opens": "Ce lien ouvre {kind, select, projection {la projection} named {le {group}} other {le groupe « {group} »}}.",
  "link.go": "{kind, select, projection {Aller à la projection} named {Aller au {group}} other {Aller au groupe « {group} »}}",
  "link.opensHint": "Pour ouvrir cette page-ci, utilisez le lien reçu pour elle.",
  "link.kept": "Votre lien est gardé sur cet appareil pour cette séance : l’adresse de la page suffit pour revenir.",
  "link.forget": "Oublier ce lien sur cet appareil",
  "link.forgetConfirm": "Oublier ce lien sur cet appareil ? Il faudra rouvrir le lien reçu pour revenir.",
  "link.forgotten": "Le lien est oublié sur cet appareil.",
  "nav.label": "Pages de la séance",
  "nav.console": "Console d’animation",
  "nav.plenary": "Plénière",
  "nav.projection": "Projection",
  "nav.newTab": "(nouvel onglet)",
  "nav.backToGroup": "Revenir à mon groupe ({group})",
  "join.facilitatorName": "Animation",
  // The console's « Partager » (issue 12, item 5).
  "console.push.done": "{count, plural, one {Idées clés partagées pour # groupe.} other {Idées clés partagées pour # groupes.}}",
  "console.push.none": "Rien n’a été partagé : aucun groupe n’a écrit d’idée clé.",
  "console.push.skipped": "{count, plural, one {Rien à partager pour {groups} : aucune idée clé écrite.} other {Rien à partager pour {groups} : aucune idée clé écrite.}}",
  "push.emptyIdeas": "{count, plural, one {L’idée clé {positions} n’a pas de texte : écrivez-la, sinon elle ne sera pas partagée.} other {Les idées clés {positions} n’ont pas de texte : écrivez-les, sinon elles ne seront pas partagées.}}",
} as const;
