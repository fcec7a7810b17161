/** This browser profile's local storage, or null where reading it throws (some private modes, a sandboxed frame). */
export function deviceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
