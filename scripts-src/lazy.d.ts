// `import part from 'lazy:../lazy/name'`: the part's bundled text (build/lazyText.mjs).
declare module 'lazy:*' {
  const part: { key: string; text: string };
  export default part;
}
