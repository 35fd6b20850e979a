/** Where an account's page lives: `/applications/[slug]/accounts/[accountId]`. */
export function accountHref(slug: string, accountId: string): string {
  return `/applications/${encodeURIComponent(slug)}/accounts/${encodeURIComponent(accountId)}`;
}
