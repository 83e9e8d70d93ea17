/** tiny-inflate 1.0.3's (MIT, no types of its own) raw DEFLATE decoder, loaded on first call: `source` into `dest` (sized to the output). */
export declare function inflate(source: ArrayLike<number>, dest: Uint8Array): Uint8Array;
