// tiny-inflate 1.0.3 (MIT) ships no types: raw DEFLATE `source` into `dest` (sized to the output).
declare module 'tiny-inflate' {
  export default function inflate(source: ArrayLike<number>, dest: Uint8Array): Uint8Array;
}
