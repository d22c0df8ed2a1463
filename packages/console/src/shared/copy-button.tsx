import { useState } from 'react';

/** Copies a value (a command, a redirect URI) to the clipboard and says so. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <span className="copy">
      <button type="button" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span aria-live="polite" className="copy-note">
        {copied ? 'Copied' : ''}
      </span>
    </span>
  );
}

/** A value to copy shown as code beside its copy button. */
export function CopyableCode({ value, label }: { value: string; label: string }) {
  return (
    <div className="copyable">
      <code>{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
