import type { AuthMethod } from '../core/authMethod';
import type { RunContext } from './context';

/**
 * Auth requests serve one auth method; under another the request is skipped, not failed, so a
 * collection run goes through the Auth folder whatever `auth_method` says.
 */
export function skipUnlessMethod(context: RunContext, method: AuthMethod): boolean {
  if (context.method === method) return false;
  console.info(`netsuite-postman: "${pm.info.requestName}" is for auth_method ${method}; auth_method is ${context.method}, so it was skipped.`);
  pm.execution.skipRequest();
  return true;
}

/** Replaces the request body with form parameters (the token endpoint's format). */
export function setFormBody(form: Array<[string, string]>): void {
  pm.request.headers.upsert({ key: 'Content-Type', value: 'application/x-www-form-urlencoded' });
  pm.request.body!.update({ mode: 'urlencoded', urlencoded: form.map(([key, value]) => ({ key, value })) });
}
