// Media signaling events (mediasoup-client contract over Socket.IO). Filled by the media work;
// kept in its own file so the ceremony protocol and the media protocol evolve separately.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MediaClientToServerEvents {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MediaServerToClientEvents {}
