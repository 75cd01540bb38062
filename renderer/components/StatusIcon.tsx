import type { BackupStatus } from '../../preload/contract';

/** A distinct shape per status, so status never rests on colour alone. */
export function StatusIcon({ status, className }: { status: BackupStatus | 'unavailable'; className?: string }) {
  return (
    <svg className={`status-icon ${className ?? ''}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {ICONS[status]}
    </svg>
  );
}

const ICONS: Record<BackupStatus | 'unavailable', React.ReactNode> = {
  // Filled circle with a cross.
  failed: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" className="ko-stroke" strokeWidth="1.8" strokeLinecap="round" />
    </>
  ),
  // Clock face.
  stale: (
    <>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  // Triangle with an exclamation mark.
  warning: (
    <>
      <path d="M8 1.5l6.8 12.2a.8.8 0 0 1-.7 1.2H1.9a.8.8 0 0 1-.7-1.2z" fill="currentColor" />
      <path d="M8 6v3.6" className="ko-stroke" strokeWidth="1.7" strokeLinecap="round" />
      <circle cx="8" cy="12.1" r="1" className="ko-fill" />
    </>
  ),
  // Circle with a question mark.
  unknown: (
    <>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="8" cy="11.6" r=".9" fill="currentColor" />
    </>
  ),
  // Dashed ring: nothing has run yet.
  never: <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2.6 2.3" />,
  // Half-filled ring: a session is under way.
  running: (
    <>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 3.5a4.5 4.5 0 0 1 0 9z" fill="currentColor" />
    </>
  ),
  // Filled circle with a check.
  ok: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.9 8.2l2 2 4.2-4.4" fill="none" className="ko-stroke" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  // Broken link: we cannot see Cove.
  unavailable: (
    <>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M3.6 12.4l8.8-8.8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
};
