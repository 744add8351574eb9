// Users and roles (admins only): add a user, change a role, reset a password, disable.
import { useState, type FormEvent } from 'react';
import * as api from '../../api/endpoints';
import { ROLES, type Role, type User } from '../../api/types';
import { Async } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { Dialog } from '../../components/Dialog';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';

export default function UsersPage() {
  const me = useUser();
  const toast = useToast();
  const users = useApi((signal) => api.listUsers(signal), []);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const change = async (u: User, change: { role?: Role; disabled?: boolean }, text: string) => {
    try {
      const updated = await api.changeUser(u.user_id, change);
      users.setData((old) => old && { users: old.users.map((x) => (x.user_id === u.user_id ? { ...x, ...updated } : x)) });
      toast({ kind: 'success', text });
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'change users') });
    }
  };

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Users and roles</h1>
          <p className="muted">Admins do everything; operations run definitions and data; CSMs work their accounts; sales and viewers read.</p>
        </div>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          Add user
        </button>
      </header>
      <Async state={users} what="users">
        {(d) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Added</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.users.map((u) => (
                <tr key={u.user_id} className={u.disabled ? 'dim' : undefined}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>
                    <label className="sr-only" htmlFor={`role-${u.user_id}`}>
                      Role of {u.name}
                    </label>
                    <select
                      id={`role-${u.user_id}`}
                      value={u.role}
                      disabled={u.user_id === me.user_id}
                      onChange={(e) => void change(u, { role: e.target.value as Role }, `${u.name} is now ${ROLE_LABELS[e.target.value as Role]}.`)}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{formatDateTime(u.created_at)}</td>
                  <td>{u.disabled ? 'disabled' : 'active'}</td>
                  <td className="num nowrap">
                    <button type="button" className="small" onClick={() => setResetting(u)}>
                      Reset password
                    </button>{' '}
                    {u.user_id !== me.user_id && (
                      <button
                        type="button"
                        className={u.disabled ? 'small' : 'small danger'}
                        onClick={() => void change(u, { disabled: !u.disabled }, u.disabled ? `${u.name} can sign in again.` : `${u.name} is disabled.`)}
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(u) => {
          users.setData((old) => old && { users: [...old.users, u] });
          setAdding(false);
          toast({ kind: 'success', text: `Added ${u.name}.` });
        }}
      />
      <ResetDialog user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}

function AddUserDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('csm');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const u = await api.addUser({ email: email.trim(), name: name.trim(), role, password });
      setEmail('');
      setName('');
      setPassword('');
      onAdded(u);
    } catch (err) {
      setError(describeError(err, 'add users'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title="Add a user" onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <p className="muted small">A CSM's name must match the CSM field of their accounts (or use their email there).</p>
        <label className="field">
          <span>Email</span>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>First password</span>
          <input type="password" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            Add user
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ResetDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!user) return;
    try {
      await api.changeUser(user.user_id, { password });
      setPassword('');
      setError('');
      toast({ kind: 'success', text: `New password set for ${user.name}.` });
      onClose();
    } catch (err) {
      setError(describeError(err, 'reset passwords'));
    }
  };
  return (
    <Dialog open={user !== null} title={`Reset the password of ${user?.name ?? ''}`} onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>New password</span>
          <input type="password" required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary">
            Set password
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
