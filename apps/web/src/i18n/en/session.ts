/** English messages about links and the device (see fr/session.ts). */
export const enSession = {
  "link.noToken": "Open the link you received in the webinar chat.",
  "link.noToken.console": "Open the facilitator link you received when the session was created.",
  "link.opens": "This link opens {kind, select, projection {the projection} named {{group}} other {the group “{group}”}}.",
  "link.go": "{kind, select, projection {Go to the projection} named {Go to {group}} other {Go to the group “{group}”}}",
  "link.opensHint": "To open this page, use the link you received for it.",
  "link.kept": "Your link is kept on this device for this session: the page address is enough to come back.",
  "link.forget": "Forget this link on this device",
  "link.forgetConfirm": "Forget this link on this device? You will need the link you received to come back.",
  "link.forgotten": "The link is forgotten on this device.",
  "nav.label": "Pages of the session",
  "nav.console": "Facilitator console",
  "nav.plenary": "Plenary",
  "nav.projection": "Projection",
  "nav.newTab": "(new tab)",
  "nav.backToGroup": "Back to my group ({group})",
  "join.facilitatorName": "Facilitator",
};
