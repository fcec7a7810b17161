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
  PushResponse,
  PlenaryResponse,
} from './api.js';
export { STORAGE_STATUS_MESSAGE, StorageStatus } from './messages.js';
