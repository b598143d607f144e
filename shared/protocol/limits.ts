// Size limits shared by the signing pad and the server, kept free of zod so the room screen's
// bundle does not pull in the schema library just to know them.

/** Decoded PNG bytes allowed for a drawn signature. */
export const MAX_SIGNATURE_PNG_BYTES = 256 * 1024;
/** Upper bound on the data URL string itself; anything longer is refused before decoding. */
export const MAX_SIGNATURE_DATA_URL_CHARS = Math.ceil((MAX_SIGNATURE_PNG_BYTES * 4) / 3) + 64;
export const MAX_TYPED_SIGNATURE_CHARS = 120;
/**
 * Largest drawn signature the server decodes (the room's pad at scale 2 is about 1224×464).
 * IHDR is checked against these before any pixel data is inflated.
 */
export const MAX_SIGNATURE_WIDTH = 2400;
export const MAX_SIGNATURE_HEIGHT = 1200;
export const MAX_SIGNATURE_PIXELS = 1_500_000;
