/** The Yimen door mark (same drawing as the favicon). */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#c8161d" />
      <rect x="14" y="12" width="36" height="4" rx="2" fill="#fff" />
      <path d="M20 22h24v30H20z" fill="none" stroke="#fff" strokeWidth="4" strokeLinejoin="round" />
      <circle cx="38" cy="38" r="2.6" fill="#fff" />
    </svg>
  );
}
