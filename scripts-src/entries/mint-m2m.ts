// Pre-request script of "Auth / Mint M2M token": puts a fresh client assertion, signed for this
// request's exact URL, in the request body — with Web Crypto where the engine has it (the Postman
// app's), else with jsrsasign — and leaves the jsrsasign signer for the rest of the run, so that
// later requests in Newman (no Web Crypto) can re-mint when the token ages.
import { createM2mSigner } from '../core/m2mSigner';
import { NspError } from '../core/NspError';
import { clientCredentialsForm } from '../core/tokenRequests';
import { webCryptoAssertion } from '../core/webCryptoAssertion';
import { loadContext } from '../pm/context';
import { webCryptoBytes } from '../pm/cryptoJs';
import { currentOutbound } from '../pm/outbound';
import { refuse } from '../pm/refuse';
import { installSigner } from '../pm/signerGlobal';
import { setFormBody, skipUnlessMethod } from '../pm/skipUnlessMethod';
import { m2mAssertionInput } from '../pm/tokenEndpoint';
import { holdUntilSettled, webCryptoSubtle } from '../pm/webCrypto';
import { noteRunLength } from '../pm/singleSend';

// This item script has the legacy `postman` object: the run's length, for the collection hooks (pm/singleSend.ts).
noteRunLength();

const signer = createM2mSigner(webCryptoBytes());
installSigner(signer);
try {
  const context = loadContext();
  if (!skipUnlessMethod(context, 'm2m')) {
    const audience = currentOutbound().url.replace(/[?#].*$/, '');
    const input = m2mAssertionInput(context, Date.now(), audience);
    const subtle = webCryptoSubtle();
    if (subtle) {
      const signing = webCryptoAssertion(subtle, input).then((assertion) => setFormBody(clientCredentialsForm(assertion)), refuse);
      holdUntilSettled(signing, 60_000, () => refuse(new NspError('MINT_TIMEOUT', 'Signing the client assertion with Web Crypto did not finish within 60 s.')));
    } else {
      setFormBody(clientCredentialsForm(signer.assertion(input)));
    }
  }
} catch (error) {
  refuse(error);
}
