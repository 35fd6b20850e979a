import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { ToastProvider } from '@/components/ui/toast-provider';
import { AdminsIcon, ApplicationsIcon, AuditIcon, BrandMark, IdentitiesIcon, ImportsIcon } from './nav-icons';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

export interface ShellViewer {
  name: string;
  email: string;
  role: 'admin' | 'viewer';
}

const sections = [
  { href: '/applications', label: 'Applications', Icon: ApplicationsIcon },
  { href: '/identities', label: 'Identities', Icon: IdentitiesIcon },
  { href: '/imports', label: 'Imports', Icon: ImportsIcon },
  { href: '/audit', label: 'Audit log', Icon: AuditIcon },
  { href: '/admins', label: 'Admins', Icon: AdminsIcon },
] as const;

/** The signed-in frame: skip link, sidebar (brand, main navigation, who is signed in) and the main area. */
export function AppShell({ viewer, children }: { viewer: ShellViewer; children: ReactNode }) {
  return (
    <ToastProvider>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="shell">
        <header className="sidebar">
          <Link href="/applications" className="brand">
            <BrandMark />
            Concord
          </Link>
          <nav aria-label="Main">
            <ul className="nav">
              {sections.map(({ href, label, Icon }) => (
                <li key={href}>
                  <NavLink href={href}>
                    <Icon />
                    {label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="sidebar-footer">
            <div className="viewer">
              <span className="viewer-name truncate">{viewer.name}</span>
              <span className="viewer-email truncate">{viewer.email}</span>
              <span>
                <Badge tone={viewer.role === 'admin' ? 'info' : 'neutral'}>{viewer.role === 'admin' ? 'Admin' : 'Viewer'}</Badge>
              </span>
            </div>
            <SignOutButton />
          </div>
        </header>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </ToastProvider>
  );
}
