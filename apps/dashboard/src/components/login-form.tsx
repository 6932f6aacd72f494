import { useState } from 'preact/hooks';

/** Asks for a bearer token; `error` says why the last one was refused. */
export function LoginForm(props: { error?: string; onLogin(token: string): void }) {
  const [token, setToken] = useState('');
  const trimmed = token.trim();
  return (
    <main class="login">
      <form
        class="login-card"
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed) props.onLogin(trimmed);
        }}
      >
        <h1>kubenest</h1>
        <p>
          Sign in with a bearer token the API server accepts (from <code>.kubenest/admin.kubeconfig</code>, or{' '}
          <code>npx kubenest token create --user &lt;name&gt;</code>).
        </p>
        {props.error ? (
          <p class="login-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <label class="field">
          <span>Token</span>
          <input
            type="password"
            name="token"
            autoComplete="off"
            spellcheck={false}
            value={token}
            onInput={(e) => setToken((e.target as HTMLInputElement).value)}
            autoFocus
            required
          />
        </label>
        <button type="submit" class="primary" disabled={!trimmed}>
          Sign in
        </button>
      </form>
    </main>
  );
}
