import type { RunningSimulator } from '../simulator/startSimulator.ts';
import type { SimulatorHooks } from './runMatrix.ts';

/** Starts the embedded simulator on a free loopback port (loaded lazily: `run --environment` never needs it). */
export async function startEmbeddedSimulator(): Promise<RunningSimulator> {
  const { startSimulator } = await import('../simulator/startSimulator.ts');
  return startSimulator({ port: 0 });
}

/** Each run starts from the seeded state; its token count comes from the simulator's stats. */
export function simulatorHooks(simulator: RunningSimulator): SimulatorHooks {
  return {
    reset: () => simulator.reset(),
    tokensMinted: () => simulator.stats().tokensMinted.total,
  };
}
