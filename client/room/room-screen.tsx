// A regional room: the signing desk first (on a phone it is the first thing below the header),
// the stage and the room's own camera beside it, and every agreement of the room's parties.
import { useMemo } from 'react';
import type { CeremonyView } from '../../shared/protocol/views';
import type { CeremonyClient, CeremonyClientState } from '../lib/ceremony-client';
import { agreementsForRoom, spotlightRoomIds } from '../lib/ceremony-state';
import { indexCeremony } from '../lib/ceremony-index';
import { ConnectionBanner } from '../ui/connection-banner';
import { phaseHintKey } from '../ui/i18n';
import { useI18n } from '../ui/i18n-context';
import { LocalClock } from '../ui/local-clock';
import { ScreenHeader } from '../ui/screen-header';
import { PhaseBadge } from '../ui/status-badge';
import { AgreementSummary } from './agreement-card';
import { RoomMedia } from './room-media';
import { SigningDesk } from './signing-desk';
import { BeritaAcaraSigner } from './berita-acara-signer';

export function RoomScreen({ view, client, state }: { view: CeremonyView; client: CeremonyClient; state: CeremonyClientState }) {
  const { t } = useI18n();
  const { ceremony } = view;
  const index = useMemo(() => indexCeremony(ceremony), [ceremony]);
  const roomId = view.you.roomId ?? '';
  const room = index.rooms.get(roomId);
  const zone = room?.timezone ?? 'WIB';
  const agreements = useMemo(() => agreementsForRoom(view, roomId), [view, roomId]);
  const spotlight = useMemo(() => spotlightRoomIds(view), [view]);
  const canSign = ceremony.phase === 'signing' && state.status === 'connected';

  return (
    <div className="screen screen--room" data-phase={ceremony.phase}>
      <ScreenHeader
        eyebrow={ceremony.title}
        title={room?.name ?? roomId}
        subtitle={room ? `${room.regency}, ${room.province}` : undefined}
        aside={<LocalClock zone={zone} clockOffsetMs={state.clockOffsetMs} />}
      />
      <ConnectionBanner state={state} />
      <div className={`phase-strip phase-strip--${ceremony.phase}`}>
        <PhaseBadge phase={ceremony.phase} />
        <span>{t(phaseHintKey(ceremony.phase))}</span>
      </div>
      <main className="room-layout">
        <div className="room-layout__desk">
          <BeritaAcaraSigner
            ceremony={ceremony}
            tally={view.tally}
            roomId={roomId}
            zone={zone}
            canSign={state.status === 'connected'}
            sign={(officialId, signature) => client.request('beritaAcara:sign', { officialId, signature })}
          />
          <SigningDesk
            ceremony={ceremony}
            roomId={roomId}
            zone={zone}
            agreements={agreements}
            index={index}
            canSign={canSign}
            sign={(agreementId, partyId, signature) => client.request('agreement:sign', { agreementId, partyId, signature })}
          />
        </div>
        <section className="panel room-layout__stage" aria-label={t('room.stage')}>
          <RoomMedia socket={client.socket} view={view} spotlight={spotlight} />
        </section>
        <section className="panel room-layout__list" aria-labelledby="room-agreements">
          <details>
            <summary>
              <h2 id="room-agreements" className="panel__title panel__title--inline">{t('room.agreements')} ({agreements.length})</h2>
            </summary>
            {agreements.length === 0 ? <p className="panel__empty">{t('room.noAgreements')}</p> : null}
            <ul className="plain-list">
              {agreements.map((a) => (
                <li key={a.id} className="list-card" data-agreement={a.id}>
                  <AgreementSummary agreement={a} index={index} zone={zone} roomId={roomId} />
                </li>
              ))}
            </ul>
          </details>
        </section>
      </main>
    </div>
  );
}
