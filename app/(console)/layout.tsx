import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell/app-shell';
import { getViewer } from '@/lib/auth/session';

/**
 * The signed-in console. `getViewer()` sends a signed-out visitor to the sign-in page. This is a
 * convenience, not the security boundary: every page and action checks the role itself.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return <AppShell viewer={{ name: viewer.name, email: viewer.email, role: viewer.role }}>{children}</AppShell>;
}
