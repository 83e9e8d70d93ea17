import { RUN_STATE_GLOBAL } from '../../scripts-src/pm/runState.ts';

/** What one generated request must answer, from its operation in the metadata catalog. */
export interface AnswerCheck {
  /** `Folder / Request`, the prefix of every test name. */
  label: string;
  /** The success statuses the document lists for the operation. */
  status: number[];
  /** The JSON a 200 must carry: a NetSuite list page, a record, or any JSON object. */
  json?: 'list' | 'record' | 'object';
  /** A 2xx must carry a `Location` header (inserts, upserts, transforms). */
  location?: boolean;
  /** Collection variable that receives the last path segment of `Location` (the new record's id). */
  capture?: string;
}

/**
 * The item-level test script of a generated metadata request: checks the status, the JSON shape
 * and the `Location` header, and captures the new id. It runs after the collection-level test
 * script (which diagnoses refusals and may send the request again): an attempt that script has
 * already scheduled a retry for is not judged. ES5 only, no helpers from outside: it runs in both
 * sandboxes (postman-sandbox 4.7.1 and 6.x). A function declaration, so V8 compiles it lazily.
 */
export function answerCheckScript(check: AnswerCheck): string[] {
  return [
    '// Generated from the metadata catalog: what this operation answers when it succeeds.',
    'function nspCheckAnswer(expected) {',
    // The run's retry state (scripts-src/pm/runState.ts), an implicit global of the sandbox context.
    `  var run = typeof ${RUN_STATE_GLOBAL} === 'object' && ${RUN_STATE_GLOBAL} || {};`,
    "  if (String(run.rateLimitRetries || '').split('|')[0] === pm.info.requestId || run.retriedRequest === pm.info.requestId) return;",
    '  var code = pm.response.code;',
    "  pm.test(expected.label + ': status ' + expected.status.join(' or '), function () {",
    "    pm.expect(expected.status.indexOf(code) >= 0, 'answered ' + code + ' ' + pm.response.status).to.equal(true);",
    '  });',
    '  if (code === 200 && expected.json) {',
    "    pm.test(expected.label + ': JSON ' + expected.json, function () {",
    '      var body = pm.response.json();',
    "      pm.expect(body, 'the answer').to.be.an('object');",
    "      if (expected.json === 'list') {",
    "        pm.expect(body.items, 'items').to.be.an('array');",
    "        pm.expect(body.hasMore, 'hasMore').to.be.a('boolean');",
    '      }',
    "      if (expected.json === 'record') pm.expect(body.links, 'links').to.be.an('array');",
    '    });',
    '  }',
    '  if (expected.location && code >= 200 && code < 300) {',
    "    var location = String(pm.response.headers.get('Location') || '');",
    "    var id = location.replace(/[?#].*$/, '').split('/').pop();",
    "    pm.test(expected.label + ': Location header names the record', function () {",
    "      pm.expect(id, 'Location: ' + location).to.match(/^[^\\s\\/]+$/);",
    '    });',
    '    if (expected.capture && id) pm.collectionVariables.set(expected.capture, id);',
    '  }',
    '}',
    `nspCheckAnswer(${JSON.stringify(check)});`,
  ];
}
