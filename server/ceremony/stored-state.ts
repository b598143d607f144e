// A ceremony's state at least as new as its stored version at the moment of the call. The cached
// state is brought up to date by other nodes' commit notices (Redis), which can arrive after a
// client that saw a commit on one node already asks another: an answer that must not come from a
// state older than what was acknowledged elsewhere (an invite link's epoch at the handshake, a
// sync in cluster mode) reads the stored version first (the audit head: one indexed read).
// Reads are shared: callers that arrive while one is in flight wait for the next one, which starts
// after they arrived, so each sees a version read after its own call, and a burst of a thousand
// syncs costs two reads per round-trip, not a thousand.
import type { CeremonyState } from '../domain/state';
import type { CeremonyStore } from '../persistence/store-contract';
import type { CeremonyService } from './ceremony-service';

/** Reloads started before the version was read may finish older than it: ask again, a few times. */
const MAX_RELOADS = 4;

interface Reads {
  current: Promise<CeremonyState | undefined>;
  next?: Promise<CeremonyState | undefined>;
}

export class StoredState {
  private readonly reads = new Map<string, Reads>();

  constructor(
    private readonly service: Pick<CeremonyService, 'ensure' | 'markStale' | 'version'>,
    private readonly store: Pick<CeremonyStore, 'version'>,
  ) {}

  /** The state, at least as new as the version stored when this was called. */
  state(ceremonyId: string): Promise<CeremonyState | undefined> {
    const reads = this.reads.get(ceremonyId);
    if (!reads) return this.start(ceremonyId);
    // The read in flight may have started before this call: wait for the one after it.
    reads.next ??= reads.current.then(
      () => this.start(ceremonyId),
      () => this.start(ceremonyId),
    );
    return reads.next;
  }

  private start(ceremonyId: string): Promise<CeremonyState | undefined> {
    const current = this.read(ceremonyId);
    const reads: Reads = { current };
    this.reads.set(ceremonyId, reads);
    const done = () => {
      if (this.reads.get(ceremonyId) === reads) {
        if (reads.next) return; // the next read replaces this entry when it starts
        this.reads.delete(ceremonyId);
      }
    };
    current.then(done, done);
    return current;
  }

  private async read(ceremonyId: string): Promise<CeremonyState | undefined> {
    const stored = await this.store.version(ceremonyId);
    for (let i = 0; i < MAX_RELOADS; i++) {
      this.service.markStale(ceremonyId, stored);
      const state = await this.service.ensure(ceremonyId);
      if (!state || (this.service.version(ceremonyId) ?? 0) >= stored) return state;
    }
    throw new Error(`${ceremonyId}: could not load version ${stored}`);
  }
}
