import { describe, it, expect } from 'vitest';
import { createECDH, createHash, createPublicKey, verify } from 'node:crypto';
import { rfc6979Nonces, signDeterministic, type Rfc6979Curve, type Rfc6979Hash } from '../../scripts-src/core/rfc6979';

// RFC 6979 appendix A.2.5 (P-256), A.2.6 (P-384) and A.2.7 (P-521): key pairs, and k, r, s for
// the messages "sample" and "test" with SHA-256, SHA-384 and SHA-512, as published (the RFC's
// line-wrapped values joined). Each value is also checked against node's OpenSSL below (U = xG,
// r = (kG).x mod q, (r, s) verifies under U), so a copying slip cannot pass unnoticed.
interface CurveVector {
  curve: Rfc6979Curve;
  node: string;
  q: string;
  x: string;
  ux: string;
  uy: string;
  signatures: Array<{ hash: Rfc6979Hash; message: string; k: string; r: string; s: string }>;
}

const A25: CurveVector = {
  curve: 'P-256',
  node: 'prime256v1',
  q: 'FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551',
  x: 'C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721',
  ux: '60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6',
  uy: '7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299',
  signatures: [
    {
      hash: 'sha256',
      message: 'sample',
      k: 'A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60',
      r: 'EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716',
      s: 'F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8',
    },
    {
      hash: 'sha384',
      message: 'sample',
      k: '09F634B188CEFD98E7EC88B1AA9852D734D0BC272F7D2A47DECC6EBEB375AAD4',
      r: '0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719',
      s: '4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954',
    },
    {
      hash: 'sha512',
      message: 'sample',
      k: '5FA81C63109BADB88C1F367B47DA606DA28CAD69AA22C4FE6AD7DF73A7173AA5',
      r: '8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00',
      s: '2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE',
    },
    {
      hash: 'sha256',
      message: 'test',
      k: 'D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0',
      r: 'F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367',
      s: '019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083',
    },
    {
      hash: 'sha384',
      message: 'test',
      k: '16AEFFA357260B04B1DD199693960740066C1A8F3E8EDD79070AA914D361B3B8',
      r: '83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6',
      s: '8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C',
    },
    {
      hash: 'sha512',
      message: 'test',
      k: '6915D11632ACA3C40D5D51C08DAF9C555933819548784480E93499000D9F0B7F',
      r: '461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04',
      s: '39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55',
    },
  ],
};

const A26: CurveVector = {
  curve: 'P-384',
  node: 'secp384r1',
  q: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973',
  x: '6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5',
  ux: 'EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13',
  uy: '8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720',
  signatures: [
    {
      hash: 'sha256',
      message: 'sample',
      k: '180AE9F9AEC5438A44BC159A1FCB277C7BE54FA20E7CF404B490650A8ACC414E375572342863C899F9F2EDF9747A9B60',
      r: '21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33BDE1E888E63355D92FA2B3C36D8FB2CD',
      s: 'F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEBEFDC63ECCD1AC42EC0CB8668A4FA0AB0',
    },
    {
      hash: 'sha384',
      message: 'sample',
      k: '94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA87A555FD56D10FBCA2907E3E83BA95368623B8C4686915CF9',
      r: '94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46',
      s: '99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8',
    },
    {
      hash: 'sha512',
      message: 'sample',
      k: '92FC3C7183A883E24216D1141F1A8976C5B0DD797DFA597E3D7B32198BD35331A4E966532593A52980D0E3AAA5E10EC3',
      r: 'ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799CFE30F35CC900056D7C99CD7882433709',
      s: '512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112DC7CC3EF3446DEFCEB01A45C2667FDD5',
    },
    {
      hash: 'sha256',
      message: 'test',
      k: '0CFAC37587532347DC3389FDC98286BBA8C73807285B184C83E62E26C401C0FAA48DD070BA79921A3457ABFF2D630AD7',
      r: '6D6DEFAC9AB64DABAFE36C6BF510352A4CC27001263638E5B16D9BB51D451559F918EEDAF2293BE5B475CC8F0188636B',
      s: '2D46F3BECBCC523D5F1A1256BF0C9B024D879BA9E838144C8BA6BAEB4B53B47D51AB373F9845C0514EEFB14024787265',
    },
    {
      hash: 'sha384',
      message: 'test',
      k: '015EE46A5BF88773ED9123A5AB0807962D193719503C527B031B4C2D225092ADA71F4A459BC0DA98ADB95837DB8312EA',
      r: '8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB',
      s: 'DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5',
    },
    {
      hash: 'sha512',
      message: 'test',
      k: '3780C4F67CB15518B6ACAE34C9F83568D2E12E47DEAB6C50A4E4EE5319D1E8CE0E2CC8A136036DC4B9C00E6888F66B6C',
      r: 'A0D5D090C9980FAF3C2CE57B7AE951D31977DD11C775D314AF55F76C676447D06FB6495CD21B4B6E340FC236584FB277',
      s: '976984E59B4C77B0E8E4460DCA3D9F20E07B9BB1F63BEEFAF576F6B2E8B224634A2092CD3792E0159AD9CEE37659C736',
    },
  ],
};

const A27: CurveVector = {
  curve: 'P-521',
  node: 'secp521r1',
  q:
    '1FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF' +
    'FFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409',
  x:
    '0FAD06DAA62BA3B25D2FB40133DA757205DE67F5BB0018FEE8C86E1B68C7E75C' +
    'AA896EB32F1F47C70855836A6D16FCC1466F6D8FBEC67DB89EC0C08B0E996B83538',
  ux:
    '1894550D0785932E00EAA23B694F213F8C3121F86DC97A04E5A7167DB4E5BCD3' +
    '71123D46E45DB6B5D5370A7F20FB633155D38FFA16D2BD761DCAC474B9A2F5023A4',
  uy:
    '0493101C962CD4D2FDDF782285E64584139C2F91B47F87FF82354D6630F746A2' +
    '8A0DB25741B5B34A828008B22ACC23F924FAAFBD4D33F81EA66956DFEAA2BFDFCF5',
  signatures: [
    {
      hash: 'sha256',
      message: 'sample',
      k:
        '0EDF38AFCAAECAB4383358B34D67C9F2216C8382AAEA44A3DAD5FDC9C3257576' +
        '1793FEF24EB0FC276DFC4F6E3EC476752F043CF01415387470BCBD8678ED2C7E1A0',
      r:
        '1511BB4D675114FE266FC4372B87682BAECC01D3CC62CF2303C92B3526012659' +
        'D16876E25C7C1E57648F23B73564D67F61C6F14D527D54972810421E7D87589E1A7',
      s:
        '04A171143A83163D6DF460AAF61522695F207A58B95C0644D87E52AA1A347916' +
        'E4F7A72930B1BC06DBE22CE3F58264AFD23704CBB63B29B931F7DE6C9D949A7ECFC',
    },
    {
      hash: 'sha384',
      message: 'sample',
      k:
        '1546A108BC23A15D6F21872F7DED661FA8431DDBD922D0DCDB77CC878C8553FF' +
        'AD064C95A920A750AC9137E527390D2D92F153E66196966EA554D9ADFCB109C4211',
      r:
        '1EA842A0E17D2DE4F92C15315C63DDF72685C18195C2BB95E572B9C5136CA4B4' +
        'B576AD712A52BE9730627D16054BA40CC0B8D3FF035B12AE75168397F5D50C67451',
      s:
        '1F21A3CEE066E1961025FB048BD5FE2B7924D0CD797BABE0A83B66F1E35EEAF5' +
        'FDE143FA85DC394A7DEE766523393784484BDF3E00114A1C857CDE1AA203DB65D61',
    },
    {
      hash: 'sha512',
      message: 'sample',
      k:
        '1DAE2EA071F8110DC26882D4D5EAE0621A3256FC8847FB9022E2B7D28E6F1019' +
        '8B1574FDD03A9053C08A1854A168AA5A57470EC97DD5CE090124EF52A2F7ECBFFD3',
      r:
        '0C328FAFCBD79DD77850370C46325D987CB525569FB63C5D3BC53950E6D4C5F1' +
        '74E25A1EE9017B5D450606ADD152B534931D7D4E8455CC91F9B15BF05EC36E377FA',
      s:
        '0617CCE7CF5064806C467F678D3B4080D6F1CC50AF26CA209417308281B68AF2' +
        '82623EAA63E5B5C0723D8B8C37FF0777B1A20F8CCB1DCCC43997F1EE0E44DA4A67A',
    },
    {
      hash: 'sha256',
      message: 'test',
      k:
        '01DE74955EFAABC4C4F17F8E84D881D1310B5392D7700275F82F145C61E84384' +
        '1AF09035BF7A6210F5A431A6A9E81C9323354A9E69135D44EBD2FCAA7731B909258',
      r:
        '00E871C4A14F993C6C7369501900C4BC1E9C7B0B4BA44E04868B30B41D807104' +
        '2EB28C4C250411D0CE08CD197E4188EA4876F279F90B3D8D74A3C76E6F1E4656AA8',
      s:
        '0CD52DBAA33B063C3A6CD8058A1FB0A46A4754B034FCC644766CA14DA8CA5CA9' +
        'FDE00E88C1AD60CCBA759025299079D7A427EC3CC5B619BFBC828E7769BCD694E86',
    },
    {
      hash: 'sha384',
      message: 'test',
      k:
        '1F1FC4A349A7DA9A9E116BFDD055DC08E78252FF8E23AC276AC88B1770AE0B5D' +
        'CEB1ED14A4916B769A523CE1E90BA22846AF11DF8B300C38818F713DADD85DE0C88',
      r:
        '14BEE21A18B6D8B3C93FAB08D43E739707953244FDBE924FA926D76669E7AC8C' +
        '89DF62ED8975C2D8397A65A49DCC09F6B0AC62272741924D479354D74FF6075578C',
      s:
        '133330865C067A0EAF72362A65E2D7BC4E461E8C8995C3B6226A21BD1AA78F0E' +
        'D94FE536A0DCA35534F0CD1510C41525D163FE9D74D134881E35141ED5E8E95B979',
    },
    {
      hash: 'sha512',
      message: 'test',
      k:
        '16200813020EC986863BEDFC1B121F605C1215645018AEA1A7B215A564DE9EB1' +
        'B38A67AA1128B80CE391C4FB71187654AAA3431027BFC7F395766CA988C964DC56D',
      r:
        '13E99020ABF5CEE7525D16B69B229652AB6BDF2AFFCAEF38773B4B7D08725F10' +
        'CDB93482FDCC54EDCEE91ECA4166B2A7C6265EF0CE2BD7051B7CEF945BABD47EE6D',
      s:
        '1FBD0013C674AA79CB39849527916CE301C66EA7CE8B80682786AD60F98F7E78' +
        'A19CA69EFF5C57400E3B3A0AD66CE0978214D13BAF4E9AC60752F7B155E2DE4DCE3',
    },
  ],
};

const VECTORS = [A25, A26, A27];
const SIZE: { [curve: string]: number } = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

const big = (hex: string): bigint => BigInt(`0x${hex}`);
const pad = (hex: string, bytes: number): string => hex.toLowerCase().padStart(bytes * 2, '0');
const sha = (hash: Rfc6979Hash, message: string): string => createHash(hash).update(message, 'utf8').digest('hex');

describe('RFC 6979 appendix A.2.5–A.2.7: the published vectors are self-consistent (checked with node/OpenSSL)', () => {
  for (const vector of VECTORS) {
    const bytes = SIZE[vector.curve] as number;
    it(`${vector.curve}: U = xG, r = (kG).x mod q, and (r, s) verifies under U`, () => {
      const ecdh = createECDH(vector.node);
      ecdh.setPrivateKey(Buffer.from(pad(vector.x, bytes), 'hex'));
      expect(ecdh.getPublicKey('hex', 'uncompressed')).toBe(`04${pad(vector.ux, bytes)}${pad(vector.uy, bytes)}`);
      const publicKey = createPublicKey({
        key: {
          kty: 'EC',
          crv: vector.curve,
          x: Buffer.from(pad(vector.ux, bytes), 'hex').toString('base64url'),
          y: Buffer.from(pad(vector.uy, bytes), 'hex').toString('base64url'),
        },
        format: 'jwk',
      });
      for (const sig of vector.signatures) {
        const kg = createECDH(vector.node);
        kg.setPrivateKey(Buffer.from(pad(sig.k, bytes), 'hex'));
        const kx = kg.getPublicKey('hex', 'uncompressed').slice(2, 2 + bytes * 2);
        expect(big(kx) % big(vector.q)).toBe(big(sig.r));
        const signature = Buffer.from(pad(sig.r, bytes) + pad(sig.s, bytes), 'hex');
        expect(verify(sig.hash, Buffer.from(sig.message), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
      }
    });
  }
});

describe('rfc6979Nonces and signDeterministic: RFC 6979 known answers', () => {
  for (const vector of VECTORS) {
    for (const sig of vector.signatures) {
      it(`${vector.curve} with ${sig.hash.toUpperCase()}, message "${sig.message}": k, r and s as published`, () => {
        const h1 = sha(sig.hash, sig.message);
        const k = rfc6979Nonces(vector.q, vector.x, h1, sig.hash)();
        expect(big(k)).toBe(big(sig.k));
        const result = signDeterministic(vector.curve, vector.x, h1, sig.hash);
        expect(result.r).toBe(pad(sig.r, SIZE[vector.curve] as number));
        expect(result.s).toBe(pad(sig.s, SIZE[vector.curve] as number));
      });
    }
  }

  it('accepts the private key with or without zero padding, in either case', () => {
    const h1 = sha('sha512', 'sample');
    const expected = signDeterministic('P-521', A27.x, h1, 'sha512');
    expect(signDeterministic('P-521', pad(A27.x, 66), h1, 'sha512')).toEqual(expected);
    expect(signDeterministic('P-521', `0000${pad(A27.x, 66)}`, h1, 'sha512')).toEqual(expected);
    expect(signDeterministic('P-521', A27.x.slice(1), h1, 'sha512')).toEqual(expected); // 0FAD… → FAD…
  });
});

describe('rfc6979Nonces: the candidate sequence and refusals', () => {
  it('gives further candidates by step h.3 (K = HMAC(V‖00), V = HMAC(V)), all distinct and in [1, q-1]', () => {
    const h1 = sha('sha256', 'sample');
    const next = rfc6979Nonces(A25.q, A25.x, h1, 'sha256');
    const seen = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      const k = next();
      expect(big(k) > 0n && big(k) < big(A25.q)).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(5);
    // A fresh generator starts over: the first candidate is the published k.
    expect(big(rfc6979Nonces(A25.q, A25.x, h1, 'sha256')())).toBe(big(A25.signatures[0]!.k));
  });

  it('skips candidates outside [1, q-1]: with a tiny q most of them are', () => {
    // q = 0x0101 (257): 9-bit candidates, about half of them ≥ q.
    const next = rfc6979Nonces('0101', '05', sha('sha256', 'x'), 'sha256');
    for (let i = 0; i < 50; i += 1) {
      const k = big(next());
      expect(k >= 1n && k < 257n).toBe(true);
    }
  });

  it('refuses a private key outside [1, q-1], bad hex and a hash of the wrong length', () => {
    const h1 = sha('sha256', 'sample');
    expect(() => rfc6979Nonces(A25.q, '00', h1, 'sha256')).toThrow(/private key/);
    expect(() => rfc6979Nonces(A25.q, A25.q, h1, 'sha256')).toThrow(/private key/);
    expect(() => rfc6979Nonces(A25.q, 'xyz1', h1, 'sha256')).toThrow(/hex/);
    expect(() => rfc6979Nonces(A25.q, A25.x, h1.slice(2), 'sha256')).toThrow(/length/);
    expect(() => rfc6979Nonces(A25.q, A25.x, h1, 'sha1' as Rfc6979Hash)).toThrow(/unsupported hash/);
    expect(() => signDeterministic('P-192' as Rfc6979Curve, A25.x, h1, 'sha256')).toThrow(/unsupported curve/);
  });
});
