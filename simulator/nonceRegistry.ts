/** Remembers TBA nonces per token for as long as their timestamp could still be accepted. */
export class NonceRegistry {
  private readonly seen = new Map<string, number>();

  constructor(private readonly retentionMs = 20 * 60 * 1000) {}

  /** True when `nonce` was already used with `tokenId`. */
  has(tokenId: string, nonce: string, nowMs: number): boolean {
    this.prune(nowMs);
    return this.seen.has(`${tokenId}\u0000${nonce}`);
  }

  remember(tokenId: string, nonce: string, nowMs: number): void {
    this.seen.set(`${tokenId}\u0000${nonce}`, nowMs + this.retentionMs);
  }

  clear(): void {
    this.seen.clear();
  }

  private prune(nowMs: number): void {
    for (const [key, expiresAt] of this.seen) if (expiresAt <= nowMs) this.seen.delete(key);
  }
}
