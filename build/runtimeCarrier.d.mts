// Types of the build helper build/runtimeCarrier.mjs, for the tests and test helpers that use it.
import type { Plugin, OutputPlugin } from 'rollup';

export interface RuntimePayload {
  key: string;
  size: number;
  deflated: string;
}
export const RUNTIME_PARAMETERS: string[];
export function unreachableGlobals(ast: unknown, allowed: ReadonlySet<string>): string[];
export function wrapRuntime(iifeCode: string): string;
export function deflateText(text: string): string;
export function payloadOf(bundleText: string): RuntimePayload | undefined;
export function inflateText(payload: RuntimePayload): string;
export function runtimeCarrier(options: { plugins: () => Plugin[]; outputPlugins: () => OutputPlugin[]; budgets: Record<string, number> }): Plugin;
