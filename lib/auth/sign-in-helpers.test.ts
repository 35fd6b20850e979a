import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';
import { signInErrorMessage } from './sign-in-errors';

describe('safeCallbackPath', () => {
  it.each([
    ['/applications/hr/reconcile?situation=no_match', '/applications/hr/reconcile?situation=no_match'],
    ['/', '/'],
    ['/audit#top', '/audit#top'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.example/phish', '/'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['/\tevil', '/'],
    ['javascript:alert(1)', '/'],
    ['applications', '/'],
    ['/login?callbackUrl=/login', '/'],
    ['/api/auth/signout', '/'],
  ])('%s → %s', (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });
});

describe('signInErrorMessage', () => {
  it.each([
    [undefined, null],
    ['CredentialsSignin', 'Wrong e-mail or password.'],
    ['Too many attempts, try again in 5 minutes.', 'Too many attempts, try again in 5 minutes.'],
    ['Too many attempts, try again in 1 minute.', 'Too many attempts, try again in 1 minute.'],
    ['Too many attempts, call +1 555 0100 now.', 'Sign-in failed. Try again.'],
    ['OAuthCallback', 'Single sign-on did not complete. Try again, or ask an administrator to check the SSO settings.'],
    ['<script>', 'Sign-in failed. Try again.'],
  ])('%s → %s', (code, expected) => {
    expect(signInErrorMessage(code)).toBe(expected);
  });
});
