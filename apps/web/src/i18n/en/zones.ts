import type { frZones } from '../fr/zones.js';

/** Board templates and zones: the same keys as fr/zones.ts. */
export const enZones: Record<keyof typeof frZones, string> = {
  "create.template.legend": "Each group’s board",
  "create.template.libre": "Free",
  "create.template.libre.hint": "One large board where everyone places their notes freely.",
  "create.template.eoa": "Stakes – Objectives – Actions",
  "create.template.eoa.hint": "Five zones, each under its question: what the previous consultation identified, the stakes, the objectives, the actions (3 key ideas) and the priority actions.",
  "create.template.custom": "Custom zones",
  "create.template.custom.hint": "Up to 8 zones, each with a title and a question that guides the groups.",
  "create.zone.title": "Zone {n} – title",
  "create.zone.question": "Zone {n} – question (optional)",
  "create.zone.add": "Add a zone",
  "create.zone.remove": "Remove zone {n}",
  "create.zone.problem": "Give every zone a title.",
  "zone.readOnly": "Carried over from the previous consultation, read-only",
  "zone.refused": "This zone is read-only: the note stays where it was.",
  "zone.droppedIn": "In the zone “{name}”.",
  "zone.keyIdeasFull": "The zone “{name}” already has its {limit} key ideas. To choose another one, first remove a key idea from this zone.",
  "zone.keyIdeasLimit": "at most {limit, plural, one {# key idea} other {# key ideas}}",
  "zone.empty": "No note in this zone.",
  "zone.write": "Write a note in “{name}”",
  "zone.sections": "Board zones",
  "move.zones": "To another zone",
  "move.toZone": "Zone “{name}”",
  "move.done.zone": "Note moved to the zone “{name}”.",
};
