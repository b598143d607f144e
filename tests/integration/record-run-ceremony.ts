// Runs the tiny roster's ceremony through real Socket.IO clients for the verification, audit and
// record tests: every room connects, the given agreements are called and signed by all their
// parties, and we wait until each is stamped (sealed). Optionally closes the ceremony.
import { tinyRoster } from '../support/tiny-roster';
import { connect, must, signaturePngDataUrl, waitFor, type Connected } from '../support/ceremony-driver';
import { tokenFromLink, type TestServer } from '../support/test-server';

export interface RunCeremony {
  organizer: Connected;
  rooms: Map<string, Connected>;
  close(): void;
}

export async function runTinyCeremony(server: TestServer, agreementIds: string[], options: { close?: boolean } = {}): Promise<RunCeremony> {
  const roster = tinyRoster();
  const organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
  const rooms = new Map<string, Connected>();
  for (const link of server.links.rooms) rooms.set(link.roomId, await connect(server.url, server.ceremonyId, tokenFromLink(link.url)));
  const run: RunCeremony = {
    organizer,
    rooms,
    close() {
      organizer.socket.close();
      for (const c of rooms.values()) c.socket.close();
    },
  };
  await must(organizer.socket, 'ceremony:openLobby', {});
  await must(organizer.socket, 'ceremony:startSigning', {});
  if (agreementIds.length > 0) {
    const stamped = new Set<string>();
    const allStamped = waitFor(
      organizer.socket,
      'ceremony:updated',
      ({ agreements }) => {
        for (const a of agreements) if (a.status === 'stamped') stamped.add(a.id);
        return agreementIds.every((id) => stamped.has(id));
      },
      60_000,
    );
    await must(organizer.socket, 'agreement:call', { agreementIds });
    const partyRoom = new Map(roster.parties.map((p) => [p.id, p.room]));
    const partyName = new Map(roster.parties.map((p) => [p.id, p.representative.name]));
    let n = 0;
    for (const agreementId of agreementIds) {
      const agreement = roster.agreements.find((a) => a.id === agreementId)!;
      for (const partyId of agreement.parties) {
        // Alternate drawn and typed signatures; typed ones carry the (Unicode) signer names.
        const signature = n++ % 2
          ? { kind: 'typed' as const, text: partyName.get(partyId)! }
          : { kind: 'drawn' as const, dataUrl: signaturePngDataUrl(n) };
        await must(rooms.get(partyRoom.get(partyId)!)!.socket, 'agreement:sign', { agreementId, partyId, signature });
      }
    }
    await allStamped;
  }
  await server.app.stampQueue.whenIdle();
  if (options.close) await must(organizer.socket, 'ceremony:close', {});
  return run;
}

/** One byte flipped inside the first content stream: the file still parses, the seal breaks. */
export function flipOneByte(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const text = Buffer.from(copy).toString('latin1');
  const at = text.indexOf('stream', text.indexOf('/Contents', 200)) + 40;
  copy[at] ^= 0x01;
  return copy;
}

export async function download(url: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}
