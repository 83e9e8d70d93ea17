// `import payload from 'runtime:../runtime'`: the runtime's text, deflated and base64-encoded, with
// its key (name@sha256) and length (build/runtimeCarrier.mjs).
declare module 'runtime:*' {
  const payload: { key: string; size: number; deflated: string };
  export default payload;
}
