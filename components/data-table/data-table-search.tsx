'use client';

import { useEffect, useEffectEvent, useId, useState } from 'react';

export interface DataTableSearchProps {
  /** The input's label, e.g. "Search accounts". Visually hidden; the placeholder is not a label. */
  label: string;
  placeholder?: string;
  /** The search text in effect (from the URL). */
  query: string;
  /** Called ~250 ms after typing stops, or at once on Enter, with the trimmed text. */
  onQueryChange: (q: string) => void;
  debounceMs?: number;
}

/** A debounced search box in a `search` landmark. */
export function DataTableSearch({ label, placeholder, query, onQueryChange, debounceMs = 250 }: DataTableSearchProps) {
  const id = useId();
  const [text, setText] = useState(query);
  // The last value this box sent: when the URL echoes it back, the user's typing is left alone.
  const [sent, setSent] = useState(query);
  const [seenQuery, setSeenQuery] = useState(query);
  if (query !== seenQuery) {
    setSeenQuery(query);
    if (query !== sent) {
      // Changed elsewhere (Reset, Back button): show it.
      setText(query);
      setSent(query);
    }
  }

  const send = (value: string) => {
    if (value === query) return;
    setSent(value);
    onQueryChange(value);
  };
  const sendFromTimer = useEffectEvent(send);

  useEffect(() => {
    const timer = setTimeout(() => sendFromTimer(text.trim()), debounceMs);
    return () => clearTimeout(timer);
  }, [text, debounceMs]);

  return (
    <form
      role="search"
      className="toolbar-search"
      onSubmit={(event) => {
        event.preventDefault();
        send(text.trim());
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <svg className="toolbar-search-icon" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
        <circle cx="7" cy="7" r="4.5" />
        <path d="M10.5 10.5L14 14" />
      </svg>
      <input
        id={id}
        type="search"
        className="input"
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}
