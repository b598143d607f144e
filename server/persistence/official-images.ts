// An official's drawn signature on the Berita Acara is kept among the ceremony's record files
// (record_files), under a name no record file uses: written once, in the transaction that stores
// the signature's audit event, and read when the minutes are built.
export const officialImageFileName = (officialId: string): string => `pejabat/${officialId}.png`;
