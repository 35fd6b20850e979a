/**
 * Sign-in errors in words. The code comes from next-auth (the `error` of signIn's answer, or the
 * `?error=` of a redirect to /login), so it is matched against known values and never shown as is:
 * a crafted link cannot put its own text on the sign-in page.
 */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  const tooMany = /^Too many attempts, try again in (\d{1,4}) minutes?\.$/.exec(code);
  if (tooMany) {
    const minutes = Number(tooMany[1]);
    return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  switch (code) {
    case 'CredentialsSignin':
      return 'Wrong e-mail or password.';
    case 'AccessDenied':
      return 'Single sign-on refused: your identity provider did not give a verified e-mail address.';
    case 'OAuthSignin':
    case 'OAuthCallback':
    case 'OAuthCreateAccount':
    case 'OAuthAccountNotLinked':
    case 'Callback':
      return 'Single sign-on did not complete. Try again, or ask an administrator to check the SSO settings.';
    case 'SessionRequired':
      return 'Sign in to continue.';
    default:
      return 'Sign-in failed. Try again.';
  }
}
