// A hook that cannot get the run's runtime says so as a failing test (a console line alone would
// leave the run green), in as little code as the every-request hooks can carry.

export function runtimeMissing(what: string): void {
  const message =
    `netsuite-postman: the collection script ${what}. Re-import the collection from collections/ ` +
    '(or regenerate it: netsuite-postman generate); its collection-level scripts must stay as generated.';
  console.error(message);
  pm.test('netsuite-postman: collection scripts loaded', () => {
    throw new Error(message);
  });
}
