export { CloseCode, FATAL_CLOSE_CODES } from './closeCodes.js';
export { ErrorCode } from './errors.js';
export type { ApiErrorBody } from './errors.js';
export { ROLES, PLENARY_ROOM, DEFAULT_GROUP_NAMES, groupIdFromName } from './roles.js';
export type { Role } from './roles.js';
export type {
  CreateSessionRequest,
  CreateSessionResponse,
  GroupDescription,
  SessionLinks,
  SessionDescription,
  SessionTemplate,
  PushResponse,
  PlenaryResponse,
} from './api.js';
