// What a browser's send transport hands the server for one VP8 video track (one plain encoding).
export const produceVideo = (ssrc: number, cname: string) => ({
  kind: 'video' as const,
  rtpParameters: {
    mid: '0',
    codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [] }],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname, reducedSize: true },
  },
});
