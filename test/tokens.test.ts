import jwt from 'jsonwebtoken';
import { GraphQLError } from 'graphql';
import { createTokenService } from '../src/auth/tokens';
import { Feature, Role } from '../src/entities/enums';

// Token verification is cached: the cache must never outlive a token, nor accept what the
// verifier refuses.
const SECRET = 'unit-secret-unit-secret-unit-secret';
const caller = {
  userId: '00000000-0000-4000-8000-000000000001',
  tenantId: '00000000-0000-4000-8000-000000000002',
  role: Role.CLINICIAN,
  customRoleId: null,
  permissions: null,
  accessVersion: 3,
  features: new Set([Feature.CARE_HOMES, Feature.LEAD_PIPELINE]),
};

function refusal(verify: () => unknown): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
    return (error as GraphQLError).message;
  }
  throw new Error('the token was accepted');
}

describe('access tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('round-trips the caller, and a verified (cached) token stops working when it expires', () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const tokens = createTokenService(SECRET, 60);
    const { accessToken, expiresAt } = tokens.issue(caller);
    expect(expiresAt.toISOString()).toBe('2026-11-22T10:01:00.000Z');
    expect(tokens.verifyHeader(`Bearer ${accessToken}`)).toEqual(caller);
    jest.setSystemTime(new Date('2026-11-22T10:00:59Z'));
    expect(tokens.verifyHeader(`Bearer ${accessToken}`)).toEqual(caller);
    jest.setSystemTime(new Date('2026-11-22T10:01:01Z'));
    expect(refusal(() => tokens.verifyHeader(`Bearer ${accessToken}`))).toBe('Access token expired: log in again');
  });

  it('is readable by any standard JWT library, with issuer, audience and expiry', () => {
    const tokens = createTokenService(SECRET, 60);
    const claims = jwt.verify(tokens.issue(caller).accessToken, SECRET, { algorithms: ['HS256'], issuer: 'caregraph', audience: 'caregraph-api' }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: caller.userId, tid: caller.tenantId, role: caller.role, av: 3, ft: [Feature.CARE_HOMES, Feature.LEAD_PIPELINE] });
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it('refuses tokens without expiry, for another audience, with unknown roles or features, without an access version, and malformed headers', () => {
    const tokens = createTokenService(SECRET, 60);
    const signed = (payload: object, options: jwt.SignOptions) => `Bearer ${jwt.sign(payload, SECRET, { algorithm: 'HS256', ...options })}`;
    const claims = { sub: caller.userId, tid: caller.tenantId, role: caller.role, av: 1, ft: [] };
    const valid = { issuer: 'caregraph', audience: 'caregraph-api', expiresIn: 60 };
    expect(tokens.verifyHeader(signed(claims, valid))).toMatchObject({ accessVersion: 1 });
    // A token from before access versions, or with a feature this server does not know, is not trusted.
    expect(refusal(() => tokens.verifyHeader(signed({ sub: caller.userId, tid: caller.tenantId, role: caller.role }, valid)))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed({ ...claims, ft: ['EVERYTHING'] }, valid)))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed({ ...claims, av: '1' }, valid)))).toBe('Invalid access token');
    // A custom role comes with its permissions, well formed; permissions never come without one.
    const crl = '00000000-0000-4000-8000-000000000003';
    expect(tokens.verifyHeader(signed({ ...claims, crl, pm: ['PATIENT_READ'] }, valid))).toMatchObject({ customRoleId: crl, permissions: new Set(['PATIENT_READ']) });
    expect(refusal(() => tokens.verifyHeader(signed({ ...claims, pm: ['PATIENT_READ'] }, valid)))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed({ ...claims, crl }, valid)))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed({ ...claims, crl: 'x', pm: [] }, valid)))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed({ ...claims, crl, pm: ["PATIENT_READ'; --"] }, valid)))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed(claims, { issuer: 'caregraph', audience: 'caregraph-api' })))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed(claims, { issuer: 'caregraph', audience: 'elsewhere', expiresIn: 60 })))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader(signed({ ...claims, role: 'ROOT' }, { issuer: 'caregraph', audience: 'caregraph-api', expiresIn: 60 })))).toBe('Invalid access token');
    expect(refusal(() => tokens.verifyHeader('Token abc'))).toMatch(/Bearer/);
    expect(tokens.verifyHeader(undefined)).toBeNull();
  });
});
