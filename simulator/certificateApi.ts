import { CertificateError, describeCertificate, extractCertificatePem } from './certificates.ts';
import { emptyResponse, jsonResponse, parseJsonBody, type SimRequest, type SimResponse } from './httpTypes.ts';
import { restError } from './netsuiteErrors.ts';
import type { SimulatorState } from './simulatorState.ts';

/**
 * `<base>/services/rest/auth/oauth2/v1/clients/{client_id}/certificates[/{id}[/revoke]]`: GET lists
 * (or shows one); POST uploads an X.509 PEM — Oracle's documented JSON `{"fileContent": "<PEM>",
 * "entity": …, "role": …}`, or `{"certificate": "…"}`, a raw PEM or a multipart part; POST
 * `…/{id}/revoke` revokes (Oracle documents revocation as a POST; DELETE is accepted too). An
 * uploaded certificate's key signs assertions immediately.
 */
export function handleCertificates(request: SimRequest, state: SimulatorState, clientId: string, certificateId: string | undefined, action?: string): SimResponse {
  const listUrl = `${state.baseUrl}/services/rest/auth/oauth2/v1/clients/${encodeURIComponent(clientId)}/certificates`;
  if (clientId !== state.credentials.clientId) {
    return restError(404, 'NONEXISTENT_ID', `No integration record with client id ${clientId}.`, 'certificate_client_unknown');
  }
  const registry = state.certificates;
  if (certificateId === undefined) {
    if (request.method === 'GET') {
      const items = registry.list().map((certificate) => ({
        links: [{ rel: 'self', href: `${listUrl}/${certificate.id}` }],
        ...describeCertificate(certificate),
      }));
      return jsonResponse(200, { links: [{ rel: 'self', href: listUrl }], count: items.length, items, totalResults: items.length, activeCount: registry.activeCount() });
    }
    if (request.method === 'POST') {
      const text = request.body.toString('utf8');
      const json = parseJsonBody(request.body) as { certificate?: unknown; fileContent?: unknown } | undefined;
      const field = typeof json?.fileContent === 'string' ? json.fileContent : typeof json?.certificate === 'string' ? json.certificate : undefined;
      const pem = field !== undefined ? extractCertificatePem(field) : extractCertificatePem(text);
      if (!pem) return restError(400, 'INVALID_CERTIFICATE', 'The body holds no PEM certificate (-----BEGIN CERTIFICATE-----).', 'certificate_invalid');
      try {
        const certificate = registry.upload(pem, state.now());
        state.stats.certificatesUploaded += 1;
        return jsonResponse(201, { links: [{ rel: 'self', href: `${listUrl}/${certificate.id}` }], ...describeCertificate(certificate) }, undefined, {
          location: `${listUrl}/${certificate.id}`,
        });
      } catch (error) {
        if (error instanceof CertificateError) {
          return restError(400, error.code, error.message, error.code === 'CERTIFICATE_LIMIT_EXCEEDED' ? 'certificate_limit' : 'certificate_invalid');
        }
        throw error;
      }
    }
    return restError(405, 'INVALID_METHOD', `${request.method} is not allowed here; use GET or POST.`, 'method_not_allowed');
  }
  const certificate = registry.find(certificateId);
  if (!certificate) return restError(404, 'NONEXISTENT_ID', `No certificate with id ${certificateId}.`, 'certificate_unknown');
  if (action !== undefined && action !== 'revoke') return restError(404, 'INVALID_URL', `Unknown certificate action ${action}.`, 'not_found');
  if (request.method === 'GET' && action === undefined) return jsonResponse(200, { links: [{ rel: 'self', href: `${listUrl}/${certificate.id}` }], ...describeCertificate(certificate) });
  if ((request.method === 'POST' && action === 'revoke') || (request.method === 'DELETE' && action === undefined)) {
    if (!certificate.revoked) state.stats.certificatesRevoked += 1;
    registry.revoke(certificateId, state.now());
    return emptyResponse(204);
  }
  return restError(405, 'INVALID_METHOD', `${request.method} is not allowed here; use GET, POST …/revoke or DELETE.`, 'method_not_allowed');
}
