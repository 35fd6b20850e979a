/** Line icons for the sidebar; decorative, the link text names the page. */

const common = {
  className: 'nav-icon',
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.5,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
} as const;

export function ApplicationsIcon() {
  return (
    <svg {...common}>
      <rect x="2" y="2" width="5" height="5" rx="1" />
      <rect x="9" y="2" width="5" height="5" rx="1" />
      <rect x="2" y="9" width="5" height="5" rx="1" />
      <rect x="9" y="9" width="5" height="5" rx="1" />
    </svg>
  );
}

export function IdentitiesIcon() {
  return (
    <svg {...common}>
      <circle cx="6" cy="5.5" r="2.5" />
      <path d="M1.5 14c0-2.5 2-4.5 4.5-4.5s4.5 2 4.5 4.5" />
      <path d="M10.5 3.2a2.5 2.5 0 0 1 0 4.6M12 9.8c1.5.6 2.5 2.2 2.5 4.2" />
    </svg>
  );
}

export function AuditIcon() {
  return (
    <svg {...common}>
      <path d="M4 1.5h6l3 3v10H4z" />
      <path d="M10 1.5v3h3M6.5 8h4M6.5 11h4" />
    </svg>
  );
}

export function ImportsIcon() {
  return (
    <svg {...common}>
      <path d="M8 1.5v8M5 6.5l3 3 3-3" />
      <path d="M2.5 10.5v3h11v-3" />
    </svg>
  );
}

export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
      <rect width="24" height="24" rx="6" fill="var(--color-primary)" />
      <circle cx="9.5" cy="12" r="4.5" fill="none" stroke="#fff" strokeWidth="2" />
      <circle cx="14.5" cy="12" r="4.5" fill="none" stroke="#fff" strokeWidth="2" opacity="0.75" />
    </svg>
  );
}

export function AdminsIcon() {
  return (
    <svg {...common}>
      <path d="M8 1.5l5 2v4c0 3-2.2 5.4-5 7-2.8-1.6-5-4-5-7v-4z" />
      <path d="M6 8l1.5 1.5L10.5 6.5" />
    </svg>
  );
}
