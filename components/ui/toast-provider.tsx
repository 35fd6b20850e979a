'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { cx } from './class-names';

export type ToastTone = 'success' | 'info' | 'warning' | 'error';

export interface ToastMessage {
  tone: ToastTone;
  message: string;
}

interface ToastEntry extends ToastMessage {
  id: number;
}

const ToastContext = createContext<((toast: ToastMessage) => void) | null>(null);

/** How long a success or info toast stays; warnings and errors stay until dismissed. */
const AUTO_DISMISS_MS = 6000;

/**
 * Hosts the page's toast regions. They exist from the first render (a live region must be in the
 * page before anything is announced into it): errors go to an assertive region and are read out at
 * once, the rest to a polite one. They are live regions without a role, so that they never add an
 * empty "alert" or "status" to the page; find a toast by its text.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const show = useCallback(
    (toast: ToastMessage) => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-3), { ...toast, id }]);
      if (toast.tone === 'success' || toast.tone === 'info') {
        timers.current.set(id, setTimeout(() => dismiss(id), AUTO_DISMISS_MS));
      }
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const renderToast = (toast: ToastEntry) => (
    <div key={toast.id} className={cx('alert', `alert-${toast.tone}`, 'toast')}>
      <div className="alert-body toast-message">{toast.message}</div>
      <button type="button" className="button button-ghost button-sm" onClick={() => dismiss(toast.id)}>
        Dismiss
      </button>
    </div>
  );

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toast-region">
        <div aria-live="assertive">{toasts.filter((toast) => toast.tone === 'error').map(renderToast)}</div>
        <div aria-live="polite">{toasts.filter((toast) => toast.tone !== 'error').map(renderToast)}</div>
      </div>
    </ToastContext.Provider>
  );
}

/** `const toast = useToast(); toast({ tone: 'success', message: 'Account linked.' })` */
export function useToast(): (toast: ToastMessage) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast() needs a <ToastProvider> above it');
  return show;
}
