import type { SimResponse } from './httpTypes.ts';
import { restError } from './netsuiteErrors.ts';
import type { SimulatorState } from './simulatorState.ts';

/** Layer 5, permissions: the simulated role is denied the record types listed in the faults. */
export function checkPermission(recordType: string, state: SimulatorState): SimResponse | undefined {
  if (!state.faults.deniedRecordTypes.includes(recordType.toLowerCase())) return undefined;
  return restError(
    403,
    'INSUFFICIENT_PERMISSION',
    `Permission Violation: The role used for this request has no permission for the record type '${recordType}'. Ask your administrator to add it to the role.`,
    'permission_denied',
    'rejected',
  );
}
