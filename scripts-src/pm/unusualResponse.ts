// The test side's lazy part (scripts-src/lazy/unusualResponse.ts), compiled from its text only on a
// response that needs it: a refusal to diagnose, a rate limit, a page or job to follow.
import type * as UnusualResponse from '../lazy/unusualResponse';
import unusualResponseText from 'lazy:../lazy/unusualResponse';
import { lazyModule } from './lazyCode';

let part: typeof UnusualResponse | undefined;

export function unusualResponse(): typeof UnusualResponse {
  return part || (part = lazyModule<typeof UnusualResponse>(unusualResponseText));
}
