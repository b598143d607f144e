import { useCeremonyClient } from '../lib/use-ceremony';
import { spotlightRoomIds } from '../lib/ceremony-state';
import { ConnectionBanner } from '../ui/connection-banner';
import { useI18n } from '../ui/i18n-context';
import { LazyMediaStage } from '../ui/lazy-media-stage';
import { ScreenGate } from '../ui/screen-gate';
import { TallyScreen } from './tally-screen';

/** Observers connect without a token. */
export default function TallyRoute({ ceremonyId }: { ceremonyId: string }) {
  const { client, state } = useCeremonyClient({ ceremonyId });
  const { lang } = useI18n();
  return (
    <ScreenGate client={client} state={state}>
      {(view, c) => (
        <TallyScreen
          title={view.ceremony.title}
          tally={view.tally}
          banner={<ConnectionBanner state={state} />}
          clockOffsetMs={state.clockOffsetMs}
          renderStage={() => <LazyMediaStage socket={c.socket} view={view} spotlightRoomIds={spotlightRoomIds(view)} variant="tally" lang={lang} />}
        />
      )}
    </ScreenGate>
  );
}
