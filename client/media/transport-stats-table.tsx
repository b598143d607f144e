// Organizer: per-transport counters from the SFU, refreshed every two seconds.
import { useEffect } from 'react';
import type { MediaClient } from '../lib/media-client';
import type { MediaTransportStats } from '../../shared/protocol/media-events';
import type { Room } from '../../shared/domain/types';
import { mediaText, type MediaLang } from './media-labels';

const REFRESH_MS = 2000;
const number = (lang: MediaLang, value: number) => value.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');

export function TransportStatsTable(props: { client: MediaClient; stats: MediaTransportStats[]; rooms: Room[]; lang: MediaLang }) {
  const { client, lang } = props;
  useEffect(() => {
    const refresh = () => void client.refreshTransportStats().catch(() => {});
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [client]);
  const roomName = (id?: string) => props.rooms.find((room) => room.id === id)?.name ?? id ?? '';
  return (
    <details className="mstage-stats">
      <summary>{mediaText(lang, 'stats')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{mediaText(lang, 'statsRoom')}</th>
            <th scope="col">{mediaText(lang, 'statsDirection')}</th>
            <th scope="col">{mediaText(lang, 'statsBytes')}</th>
            <th scope="col">{mediaText(lang, 'statsPackets')}</th>
            <th scope="col">{mediaText(lang, 'statsLoss')}</th>
          </tr>
        </thead>
        <tbody>
          {props.stats.map((row) => (
            <tr key={row.transportId} data-testid="transport-stats-row">
              <td>{row.roomId ? roomName(row.roomId) : row.role}</td>
              <td>{mediaText(lang, row.direction)}</td>
              <td>{number(lang, row.bytesReceived)} / {number(lang, row.bytesSent)}</td>
              <td>{number(lang, row.packetsReceived)} / {number(lang, row.packetsSent)}</td>
              <td>{number(lang, row.packetsLost)} / {number(lang, row.nacksReceived)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
