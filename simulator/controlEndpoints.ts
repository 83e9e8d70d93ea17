import { FaultError } from './faults.ts';
import { jsonResponse, parseJsonBody, type SimRequest, type SimResponse } from './httpTypes.ts';
import { resetState, revokeAllTokens, setFaults, type SimulatorState } from './simulatorState.ts';
import { snapshotStats } from './stats.ts';

export const CONTROL_PREFIX = '/__simulator/';

/**
 * Control endpoints, outside any account prefix and without authentication (loopback only):
 * `GET /__simulator/stats`, `GET|POST /__simulator/faults`, `POST /__simulator/revoke-tokens`,
 * `POST /__simulator/reset`.
 */
export function handleControl(request: SimRequest, state: SimulatorState): SimResponse {
  const name = request.path.slice(CONTROL_PREFIX.length);
  const route = `${request.method} ${name}`;
  switch (route) {
    case 'GET stats':
      return jsonResponse(200, snapshotStats(state.stats));
    case 'GET faults':
      return jsonResponse(200, state.faults);
    case 'POST faults': {
      const patch = request.body.length === 0 ? {} : parseJsonBody(request.body);
      try {
        return jsonResponse(200, setFaults(state, patch));
      } catch (error) {
        if (error instanceof FaultError) return jsonResponse(400, { error: 'invalid_faults', message: error.message });
        throw error;
      }
    }
    case 'POST revoke-tokens':
      return jsonResponse(200, { revoked: revokeAllTokens(state) });
    case 'POST reset':
      resetState(state);
      return jsonResponse(200, { reset: true });
    default:
      return jsonResponse(404, {
        error: 'not_found',
        message: 'Control endpoints: GET /__simulator/stats, GET|POST /__simulator/faults, POST /__simulator/revoke-tokens, POST /__simulator/reset.',
      });
  }
}
