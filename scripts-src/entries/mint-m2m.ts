// Pre-request script of "Auth / Mint M2M token": loads the M2M signer for the rest of the run and
// puts a fresh client assertion, signed for this request's exact URL, in the request body.
import { createM2mSigner } from '../core/m2mSigner';
import { clientCredentialsForm } from '../core/tokenRequests';
import { loadContext } from '../pm/context';
import { webCryptoBytes } from '../pm/cryptoJs';
import { currentOutbound } from '../pm/outbound';
import { refuse } from '../pm/refuse';
import { installSigner } from '../pm/signerGlobal';
import { setFormBody, skipUnlessMethod } from '../pm/skipUnlessMethod';
import { m2mAssertionInput } from '../pm/tokenEndpoint';

const signer = createM2mSigner(webCryptoBytes());
installSigner(signer);
try {
  const context = loadContext();
  if (!skipUnlessMethod(context, 'm2m')) {
    const audience = currentOutbound().url.replace(/[?#].*$/, '');
    setFormBody(clientCredentialsForm(signer.assertion(m2mAssertionInput(context, Date.now(), audience))));
  }
} catch (error) {
  refuse(error);
}
