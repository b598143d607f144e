// Every URL the platform hands out is built here, so links in PDFs, the console and the CLI agree.
export const links = {
  console: (base: string, ceremonyId: string, organizerToken: string) =>
    `${base}/console/${encodeURIComponent(ceremonyId)}#token=${encodeURIComponent(organizerToken)}`,
  room: (base: string, ceremonyId: string, inviteToken: string) =>
    `${base}/room/${encodeURIComponent(ceremonyId)}#token=${encodeURIComponent(inviteToken)}`,
  tally: (base: string, ceremonyId: string) => `${base}/tally/${encodeURIComponent(ceremonyId)}`,
  /** Short verification link printed and QR-encoded on stamped pages. */
  verifyAgreement: (base: string, ceremonyId: string, agreementId: string) =>
    `${base}/verify/${encodeURIComponent(ceremonyId)}/${encodeURIComponent(agreementId)}`,
  verifyRecord: (base: string, ceremonyId: string) => `${base}/verify/${encodeURIComponent(ceremonyId)}`,
};
