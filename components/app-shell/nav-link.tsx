'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

export interface NavLinkProps {
  href: string;
  children: ReactNode;
  /** `prefix` (default): also current on the pages below `href`. `exact`: only on `href` itself. */
  match?: 'prefix' | 'exact';
  /** `nav-link` for the sidebar, `tab` for a row of tabs. */
  className?: string;
}

/** A link that marks itself `aria-current="page"` when it leads to the page being shown. */
export function NavLink({ href, children, match = 'prefix', className = 'nav-link' }: NavLinkProps) {
  const pathname = usePathname();
  const current = pathname === href || (match === 'prefix' && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
