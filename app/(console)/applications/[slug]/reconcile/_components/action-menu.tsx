'use client';

import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';

export interface ActionMenuItem {
  key: string;
  /** What the item shows, e.g. "Ignore". */
  label: string;
  /** Its accessible name, naming the account: "Ignore Ada Lovelace". Must contain `label`. */
  name: string;
  onSelect: () => void;
}

const menuStyle: CSSProperties = {
  position: 'fixed',
  inset: 'auto',
  margin: 0,
  minWidth: '13rem',
  padding: 'var(--space-1)',
  background: 'var(--color-surface)',
  border: '1px solid var(--color-border)',
  borderRadius: 'var(--radius)',
  boxShadow: 'var(--shadow-md)',
};

const itemStyle: CSSProperties = { width: '100%', justifyContent: 'flex-start' };

/**
 * A "More actions" menu button. The menu is a native popover, so it sits in the top layer (never
 * clipped by the scrolling table) and closes on Escape or a click outside; focus then goes back to
 * the button. Arrow keys, Home and End move between items; Tab closes it.
 */
export function ActionMenu({ label, items, disabled }: { label: string; items: readonly ActionMenuItem[]; disabled?: boolean }) {
  const menuId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const place = () => {
      const trigger = triggerRef.current?.getBoundingClientRect();
      if (!trigger) return;
      const height = menu.offsetHeight;
      const below = trigger.bottom + 4 + height <= window.innerHeight || trigger.top - 4 - height < 0;
      menu.style.right = `${Math.max(4, window.innerWidth - trigger.right)}px`;
      menu.style.top = below ? `${trigger.bottom + 4}px` : `${trigger.top - 4 - height}px`;
    };
    const hide = () => menu.hidePopover();
    const onBeforeToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === 'open') place();
    };
    const onToggle = (event: Event) => {
      const isOpen = (event as ToggleEvent).newState === 'open';
      setOpen(isOpen);
      if (isOpen) {
        place(); // now that it has a size
        menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
        window.addEventListener('scroll', hide, { capture: true, once: true });
        window.addEventListener('resize', hide, { once: true });
      } else {
        window.removeEventListener('scroll', hide, { capture: true });
        window.removeEventListener('resize', hide);
      }
    };
    menu.addEventListener('beforetoggle', onBeforeToggle);
    menu.addEventListener('toggle', onToggle);
    return () => {
      menu.removeEventListener('beforetoggle', onBeforeToggle);
      menu.removeEventListener('toggle', onToggle);
      window.removeEventListener('scroll', hide, { capture: true });
      window.removeEventListener('resize', hide);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'));
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(entries.length - 1);
    else if (event.key === 'Tab') {
      menuRef.current?.hidePopover();
      return;
    } else return;
    event.preventDefault();
  };

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        className="button button-ghost button-sm button-icon"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        popoverTarget={menuId}
        disabled={disabled}
      >
        <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
          <circle cx="3.5" cy="8" r="1.4" />
          <circle cx="8" cy="8" r="1.4" />
          <circle cx="12.5" cy="8" r="1.4" />
        </svg>
      </button>
      <div ref={menuRef} id={menuId} popover="auto" role="menu" aria-label={label} style={menuStyle} onKeyDown={onKeyDown}>
        {/* The popover's own display must stay the browser's (hidden while closed): lay out inside it. */}
        <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          {items.map((item) => (
          <button
            key={item.key}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="button button-ghost button-sm"
            style={itemStyle}
            aria-label={item.name}
            onClick={() => {
              // Closing first hands focus back to the menu button, so a dialog opened next returns there.
              menuRef.current?.hidePopover();
              item.onSelect();
            }}
          >
            {item.label}
          </button>
          ))}
        </div>
      </div>
    </>
  );
}
