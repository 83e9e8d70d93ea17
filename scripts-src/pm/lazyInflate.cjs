// CommonJS on purpose: Rollup's commonjs plugin keeps a require() inside a function lazy, so
// tiny-inflate's module code (it builds its Huffman tables) runs only when a run compiles the
// runtime, not on every request as an ES import's would (scripts-src/pm/runtimeCarrier.ts).
exports.inflate = function inflate(source, dest) {
  return require('tiny-inflate')(source, dest);
};
