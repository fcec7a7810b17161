/** The real store, whose appends a test can make fail (a storage outage) and then succeed again. */
import type { AppendEntry, Storage } from '../storage/index.js';
import { StorageUnavailableError } from '../storage/index.js';

export function flaky<S extends Storage>(storage: S): S & { failing: boolean } {
  const wrapped = Object.create(storage) as S & { failing: boolean };
  wrapped.failing = false;
  wrapped.append = (entries: readonly AppendEntry[]) =>
    wrapped.failing ? Promise.reject(new StorageUnavailableError('disk unplugged')) : storage.append(entries);
  return wrapped;
}
