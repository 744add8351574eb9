// A secret the server shows once (an API token, a write key): shown with a copy button and a
// warning, until the user says they stored it.
import { useState } from 'react';

export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret" role="alert">
      <p>
        <strong>{label}</strong> — copy it now: it is shown only once.
      </p>
      <div className="secret-row">
        <code className="secret-value">{secret}</code>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          I stored it
        </button>
      </div>
    </div>
  );
}
