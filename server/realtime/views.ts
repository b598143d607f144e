import type { ActivityItem, CeremonyView, Identity } from '../../shared/protocol/views';
import { presenceList, type CeremonyState } from '../domain/state';

export function buildView(state: CeremonyState, version: number, you: Identity, activity: ActivityItem[], now: string): CeremonyView {
  return {
    version,
    ceremony: state.ceremony,
    presence: presenceList(state),
    tally: state.tally,
    you,
    // The event feed is the console's; rooms and the public tally do not need it.
    activity: you.role === 'organizer' ? activity : [],
    serverTime: now,
  };
}
