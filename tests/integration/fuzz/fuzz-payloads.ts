// Seeded generators of hostile and clumsy input for the protocol fuzz suite: payloads for every
// client→server event (mutated valid shapes, wrong types, huge strings, prototype keys, deep
// nesting, binary), and HTTP requests against every route.
import type { SeededRandom } from '../../../server/seed/seeded-random';

export const CEREMONY_EVENTS = [
  'ceremony:sync',
  'ceremony:openLobby',
  'ceremony:startSigning',
  'ceremony:close',
  'agreement:call',
  'agreement:recall',
  'wave:recall',
  'agreement:retryStamp',
  'agreement:sign',
  'room:reissueInvite',
  'beritaAcara:sign',
  'beritaAcara:finishWithoutOfficials',
] as const;

export const MEDIA_EVENTS = [
  'media:join',
  'media:createTransport',
  'media:connectTransport',
  'media:produce',
  'media:consume',
  'media:resumeConsumer',
  'media:closeConsumer',
  'media:setProducerPaused',
  'media:leave',
  'media:muteRooms',
  'media:setStage',
  'media:getStats',
] as const;

/** Events nobody registered, including names an EventEmitter or an object might trip over. */
export const STRANGE_EVENTS = ['error', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'ceremony:', 'x'.repeat(300)];

const IDS = ['K-001', 'K-002', 'pma-01', 'umkm-001', 'pandeglang', 'makassar', 'istana', 'toString', 'constructor', '__proto__', 'valueOf', '', ' ', '../etc/passwd', 'a'.repeat(65), 'ü', '\u0000', '%00'];

const PNG_PREFIX = 'data:image/png;base64,';

/** A JSON object with `__proto__` as an own key, the way JSON.parse builds it from a payload. */
const protoObject = (inner: unknown) => JSON.parse(`{"__proto__": ${JSON.stringify(inner)}, "constructor": {"prototype": {"polluted": true}}}`) as unknown;

export function randomValue(r: SeededRandom, depth = 0): unknown {
  const choice = r.int(0, depth > 3 ? 7 : 11);
  switch (choice) {
    case 0:
      return null;
    case 1:
      return r.int(-1e9, 1e9) * (r.next() < 0.2 ? 1e300 : 1);
    case 2:
      return r.next() < 0.5;
    case 3:
      return r.pick(IDS);
    case 4:
      return 'x'.repeat(r.pick([0, 1, 64, 65, 1000, 100_000]));
    case 5:
      return r.pick([NaN, Infinity, -0, 0.5, Number.MAX_SAFE_INTEGER + 2]);
    case 6:
      return String.fromCharCode(...Array.from({ length: r.int(1, 40) }, () => r.int(0, 0xffff)));
    case 7:
      return Buffer.from(Array.from({ length: r.int(0, 64) }, () => r.int(0, 255)));
    case 8:
      return Array.from({ length: r.int(0, 6) }, () => randomValue(r, depth + 1));
    case 9:
      return Object.fromEntries(Array.from({ length: r.int(0, 5) }, () => [r.pick([...IDS, 'agreementId', 'partyId', 'roomId', 'kind']), randomValue(r, depth + 1)]));
    case 10:
      return protoObject(randomValue(r, depth + 1));
    default: {
      // Deep nesting.
      let v: unknown = 1;
      for (let i = 0; i < r.pick([10, 1000, 5000]); i += 1) v = [v];
      return v;
    }
  }
}

/** A plausible payload for the event, then maybe broken in one place. */
function template(r: SeededRandom, event: string): Record<string, unknown> {
  const id = () => r.pick(IDS.slice(0, 10));
  switch (event) {
    case 'agreement:call':
      return { agreementIds: Array.from({ length: r.int(1, 4) }, id) };
    case 'agreement:retryStamp':
    case 'agreement:recall':
      return { agreementId: id() };
    case 'wave:recall':
      return { waveId: r.pick(['W-1', id()]) };
    case 'agreement:sign':
      return {
        agreementId: id(),
        partyId: id(),
        signature:
          r.next() < 0.5
            ? { kind: 'typed', text: r.pick(['Budi Santoso', '\u200b\u200b', ' ', 'x'.repeat(200)]) }
            : { kind: 'drawn', dataUrl: PNG_PREFIX + Buffer.from(Array.from({ length: r.int(0, 200) }, () => r.int(0, 255))).toString('base64') },
      };
    case 'beritaAcara:sign':
      return {
        officialId: r.pick(['pejabat-1', 'mensesneg', ...IDS.slice(5, 10)]),
        signature:
          r.next() < 0.5
            ? { kind: 'typed', text: r.pick(['Pratikno', '\u200b\u200b', ' ', '\u202eoknitarP', 'x'.repeat(200)]) }
            : { kind: 'drawn', dataUrl: PNG_PREFIX + Buffer.from(Array.from({ length: r.int(0, 200) }, () => r.int(0, 255))).toString('base64') },
      };
    case 'beritaAcara:finishWithoutOfficials':
      return { reason: r.pick(['Menteri berhalangan hadir', '', ' ', 'x'.repeat(501), '\u0000\u0000\u0000\u0000\u0000']) };
    case 'room:reissueInvite':
    case 'media:muteRooms':
      return { roomId: id(), kind: r.pick(['audio', 'video', 'smell']) };
    case 'media:createTransport':
      return { direction: r.pick(['send', 'recv', 'both']) };
    case 'media:connectTransport':
      return { transportId: id(), dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } };
    case 'media:produce':
      return { transportId: id(), kind: 'video', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }] } };
    case 'media:consume':
      return { transportId: id(), producerId: id(), rtpCapabilities: { codecs: [] } };
    case 'media:resumeConsumer':
      return { consumerId: id() };
    case 'media:setProducerPaused':
      return { producerId: id(), paused: r.next() < 0.5 };
    case 'media:setStage':
      return { roomIds: Array.from({ length: r.int(0, 20) }, id) };
    default:
      return {};
  }
}

export function randomPayload(r: SeededRandom, event: string): unknown {
  const roll = r.next();
  if (roll < 0.1) return undefined;
  if (roll < 0.3) return randomValue(r);
  const payload = template(r, event);
  if (roll < 0.55) return payload;
  // Break one field: a wrong type, a prototype key, an extra key, or a huge value.
  const keys = Object.keys(payload);
  const key = keys.length && r.next() < 0.7 ? r.pick(keys) : r.pick(['__proto__', 'constructor', 'extra', 'toString']);
  const broken = { ...payload };
  Object.defineProperty(broken, key, { value: randomValue(r), enumerable: true, writable: true, configurable: true });
  return broken;
}

export interface HttpCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

export function randomHttpCase(r: SeededRandom, ceremonyId: string, organizerToken: string): HttpCase {
  const c = () => r.pick([ceremonyId, ceremonyId, 'toString', '__proto__', 'constructor', 'nope', 'a'.repeat(300), 'ü%20x']);
  const a = () => r.pick(['K-001', 'K-004', 'toString', '__proto__', 'constructor', 'nope']);
  const path = r.pick([
    '/api/health',
    '/api/ceremonies',
    `/api/ceremonies/${encodeURIComponent(c())}`,
    `/api/ceremonies/${encodeURIComponent(c())}/tally`,
    `/api/ceremonies/${encodeURIComponent(c())}/links`,
    `/api/ceremonies/${encodeURIComponent(c())}/audit`,
    `/api/agreements/${encodeURIComponent(a())}/document?ceremony=${encodeURIComponent(c())}`,
    `/api/agreements/${encodeURIComponent(a())}/document`,
    '/verify',
    `/verify/${encodeURIComponent(c())}`,
    `/verify/${encodeURIComponent(c())}/${encodeURIComponent(a())}`,
    '/api/verify',
    `/tally/${encodeURIComponent(c())}`,
    `/room/${encodeURIComponent(c())}`,
    '/assets/../../etc/passwd',
    `/${'x'.repeat(r.int(1, 2000))}`,
  ]);
  const isPost = path === '/api/verify' || path === '/verify' || path === '/api/ceremonies';
  const method = isPost && r.next() < 0.8 ? 'POST' : r.pick(['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
  const headers: Record<string, string> = {};
  const auth = r.next();
  if (auth < 0.3) headers.authorization = `Bearer ${organizerToken}`;
  else if (auth < 0.5) headers.authorization = r.pick(['Bearer ', 'Bearer wrong', 'Basic x', `Bearer ${'a'.repeat(5000)}`]);
  let body: Uint8Array | string | undefined;
  if (method === 'POST' || method === 'PUT') {
    const kind = r.int(0, 4);
    if (kind === 0) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(randomValue(r));
    } else if (kind === 1) {
      headers['content-type'] = 'application/json';
      body = r.pick(['{"title": ', '{"__proto__": {"admin": true}}', '[]', 'null', '{"rooms": "x"}']);
    } else if (kind === 2) {
      headers['content-type'] = 'application/pdf';
      body = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: r.int(0, 4096) }, () => r.int(0, 255)))]);
    } else if (kind === 3) {
      headers['content-type'] = 'multipart/form-data; boundary=zz';
      body = `--zz\r\nContent-Disposition: form-data; name="pdf"; filename="a.pdf"\r\n\r\n%PDF-${'x'.repeat(r.int(0, 500))}\r\n--zz--\r\n`;
    } else {
      headers['content-type'] = r.pick(['text/plain', 'application/octet-stream', 'image/png']);
      body = Buffer.from(Array.from({ length: r.int(0, 2048) }, () => r.int(0, 255)));
    }
  }
  return { method, path, headers, body };
}
