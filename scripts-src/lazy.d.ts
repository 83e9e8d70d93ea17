// `import part from 'lazy:../lazy/name'`: the part's key and the function whose comment holds its
// bundled text (build/lazyText.mjs).
declare module 'lazy:*' {
  const part: { key: string; carrier: () => string };
  export default part;
}
