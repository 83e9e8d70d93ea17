import { X509Certificate, type KeyObject } from 'node:crypto';

/** One M2M certificate registered for the integration (the JWT `kid` is its id). */
export interface RegisteredCertificate {
  id: string;
  clientId: string;
  publicKey: KeyObject;
  keyType: 'rsa' | 'ec';
  /** RSA modulus length in bits. */
  keyBits?: number;
  /** EC curve (`prime256v1`, `secp384r1`, `secp521r1`). */
  curve?: string;
  subject: string;
  validFrom: string;
  validTo: string;
  uploadedAt: string;
  revoked: boolean;
  revokedAt?: string;
}

export class CertificateError extends Error {
  constructor(
    readonly code: 'INVALID_CERTIFICATE' | 'CERTIFICATE_LIMIT_EXCEEDED',
    message: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}

const ALLOWED_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);
const TWO_YEARS_MS = (2 * 366 + 1) * 24 * 3600 * 1000;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Extracts the first PEM certificate block from any text (raw PEM, JSON string, multipart part). */
export function extractCertificatePem(text: string): string | undefined {
  return PEM_BLOCK.exec(text.replace(/\\n/g, '\n'))?.[0];
}

/**
 * The M2M certificates of one integration: list, upload (policy: RSA ≥ 3072 or P-256/384/521,
 * valid now, at most two years, at most `maxActive` active), revoke, and lookup by `kid`.
 */
export class CertificateRegistry {
  private readonly certificates = new Map<string, RegisteredCertificate>();

  constructor(
    readonly clientId: string,
    private readonly newId: () => string,
    readonly maxActive = 5,
  ) {}

  list(): RegisteredCertificate[] {
    return [...this.certificates.values()];
  }

  activeCount(): number {
    return this.list().filter((certificate) => !certificate.revoked).length;
  }

  find(id: string): RegisteredCertificate | undefined {
    return this.certificates.get(id);
  }

  /** Registers an X.509 PEM certificate. `checkPolicy: false` lets tests register weak keys. */
  upload(pem: string, nowMs: number, options: { id?: string; checkPolicy?: boolean } = {}): RegisteredCertificate {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch {
      throw new CertificateError('INVALID_CERTIFICATE', 'The certificate is not a valid X.509 certificate in PEM format.');
    }
    const publicKey = certificate.publicKey;
    const type = publicKey.asymmetricKeyType;
    const details = publicKey.asymmetricKeyDetails ?? {};
    const checkPolicy = options.checkPolicy ?? true;
    if (type !== 'rsa' && type !== 'ec') {
      throw new CertificateError('INVALID_CERTIFICATE', `Unsupported key type ${type ?? 'unknown'}: use RSA (3072 or 4096 bits) or EC (P-256, P-384, P-521).`);
    }
    if (checkPolicy) {
      if (type === 'rsa' && (details.modulusLength ?? 0) < 3072) {
        throw new CertificateError('INVALID_CERTIFICATE', `The RSA key has ${details.modulusLength ?? 0} bits; NetSuite requires at least 3072.`);
      }
      if (type === 'ec' && !ALLOWED_CURVES.has(details.namedCurve ?? '')) {
        throw new CertificateError('INVALID_CERTIFICATE', `Unsupported EC curve ${details.namedCurve ?? 'unknown'}: use P-256, P-384 or P-521.`);
      }
      const from = Date.parse(certificate.validFrom);
      const to = Date.parse(certificate.validTo);
      if (to <= nowMs || from > nowMs + 5 * 60_000) {
        throw new CertificateError('INVALID_CERTIFICATE', 'The certificate is not valid now (check its validity dates).');
      }
      if (to - from > TWO_YEARS_MS) {
        throw new CertificateError('INVALID_CERTIFICATE', 'The certificate is valid for more than two years; NetSuite accepts at most two.');
      }
      if (this.activeCount() >= this.maxActive) {
        throw new CertificateError('CERTIFICATE_LIMIT_EXCEEDED', `At most ${this.maxActive} certificates can be active for one integration; revoke one first.`);
      }
    }
    const registered: RegisteredCertificate = {
      id: options.id ?? this.newId(),
      clientId: this.clientId,
      publicKey,
      keyType: type,
      ...(type === 'rsa' ? { keyBits: details.modulusLength ?? 0 } : { curve: details.namedCurve ?? '' }),
      subject: certificate.subject,
      validFrom: new Date(certificate.validFrom).toISOString(),
      validTo: new Date(certificate.validTo).toISOString(),
      uploadedAt: new Date(nowMs).toISOString(),
      revoked: false,
    };
    this.certificates.set(registered.id, registered);
    return registered;
  }

  /** Revokes a certificate; false when it is unknown. */
  revoke(id: string, nowMs: number): boolean {
    const certificate = this.certificates.get(id);
    if (!certificate) return false;
    if (!certificate.revoked) {
      certificate.revoked = true;
      certificate.revokedAt = new Date(nowMs).toISOString();
    }
    return true;
  }
}

/** The JSON a client sees for one certificate (no key material). */
export function describeCertificate(certificate: RegisteredCertificate): Record<string, unknown> {
  return {
    certificateId: certificate.id,
    clientId: certificate.clientId,
    keyType: certificate.keyType.toUpperCase(),
    ...(certificate.keyBits ? { keySize: certificate.keyBits } : {}),
    ...(certificate.curve ? { curve: certificate.curve } : {}),
    subject: certificate.subject,
    validFrom: certificate.validFrom,
    validTo: certificate.validTo,
    uploadedAt: certificate.uploadedAt,
    status: certificate.revoked ? 'REVOKED' : 'ACTIVE',
    ...(certificate.revokedAt ? { revokedAt: certificate.revokedAt } : {}),
  };
}
