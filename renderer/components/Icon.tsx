/** The few UI glyphs the window needs, drawn with currentColor. */
export type IconName = 'refresh' | 'settings' | 'search' | 'back' | 'chevron' | 'close' | 'server' | 'workstation' | 'm365' | 'device' | 'keyboard';

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg className={`icon ${className ?? ''}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const PATHS: Record<IconName, React.ReactNode> = {
  refresh: (
    <>
      <path d="M13.2 8a5.2 5.2 0 1 1-1.6-3.8" {...stroke} />
      <path d="M12.2 1.8v2.8H9.4" {...stroke} />
    </>
  ),
  settings: (
    <>
      <path d="M2 4.5h7M12.5 4.5H14M2 11.5h1.5M7 11.5h7" {...stroke} />
      <circle cx="10.75" cy="4.5" r="1.75" {...stroke} />
      <circle cx="5.25" cy="11.5" r="1.75" {...stroke} />
    </>
  ),
  search: (
    <>
      <circle cx="7" cy="7" r="4.5" {...stroke} />
      <path d="M10.4 10.4l3.6 3.6" {...stroke} />
    </>
  ),
  back: <path d="M9.5 3.5L5 8l4.5 4.5" {...stroke} />,
  chevron: <path d="M6 3.5L10.5 8 6 12.5" {...stroke} />,
  close: <path d="M4 4l8 8M12 4l-8 8" {...stroke} />,
  server: (
    <>
      <rect x="2.5" y="2.5" width="11" height="4.5" rx="1" {...stroke} />
      <rect x="2.5" y="9" width="11" height="4.5" rx="1" {...stroke} />
      <path d="M5 4.75h.01M5 11.25h.01" {...stroke} strokeWidth={2} />
    </>
  ),
  workstation: (
    <>
      <rect x="2" y="2.5" width="12" height="8.5" rx="1" {...stroke} />
      <path d="M6 13.5h4M8 11v2.5" {...stroke} />
    </>
  ),
  m365: (
    <path d="M4.5 12.5a3 3 0 0 1-.3-6A4 4 0 0 1 12 5.8a3.4 3.4 0 0 1-.4 6.7z" {...stroke} />
  ),
  device: (
    <>
      <rect x="3" y="2" width="10" height="12" rx="1.5" {...stroke} />
      <path d="M6 11.5h4" {...stroke} />
    </>
  ),
  keyboard: (
    <>
      <rect x="1.5" y="4" width="13" height="8" rx="1.5" {...stroke} />
      <path d="M4.5 7h.01M7 7h.01M9.5 7h.01M12 7h.01M5 9.5h6" {...stroke} />
    </>
  ),
};
