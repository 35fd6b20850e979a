'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { accountHref } from '../../accounts/[accountId]/_components/account-href';

/** The account's name, linking to its page: data received in every feed, candidates, history. */
export function AccountLink({ id, children }: { id: string; children: ReactNode }) {
  const { slug } = useParams<{ slug: string }>();
  return <Link href={accountHref(slug, id)}>{children}</Link>;
}
