'use strict';
/*
 * The CareGraph IDE: GraphiQL with a sign-in bar, the explorer plugin, example queries for the
 * signed-in role and a CSV download. A classic script run under `script-src 'self'` (no inline
 * script, no eval): its settings come from the page's JSON block, which CSP does not execute.
 * Globals it uses, all served from this server: React, ReactDOM, GraphiQL (whose `React` is
 * @graphiql/react, the same instance the plugins use), GraphiQLPluginExplorer, CareGraphCsv.
 */
{
  const cfg = JSON.parse(document.getElementById('graphiql-config').textContent);
  const h = React.createElement;
  const ui = GraphiQL.React;

  const LOGIN = `mutation SignIn($input: LoginInput!) {
  login(input: $input) { accessToken expiresAt refreshToken refreshExpiresAt role user { email displayName } tenant { name slug } }
}`;
  const REFRESH = `mutation Refresh($input: RefreshTokenInput!) {
  refreshSession(input: $input) { accessToken expiresAt refreshToken refreshExpiresAt role }
}`;
  const LOGOUT = 'mutation SignOut($input: RefreshTokenInput!) { logout(input: $input) }';
  /** Renew the access token this long before it expires, so that no request goes out with a stale one. */
  const REFRESH_MARGIN_MS = 30_000;

  // Queries, variables, results and history may hold patients' details: GraphiQL keeps its tabs,
  // editors and history in this page's memory only, not in the browser's localStorage, where they
  // would outlive the session on a shared workstation. A reload starts afresh, like the session.
  const memory = new Map();
  const storage = {
    getItem: (key) => (memory.has(key) ? memory.get(key) : null),
    setItem: (key, value) => void memory.set(key, String(value)),
    removeItem: (key) => void memory.delete(key),
    clear: () => memory.clear(),
    key: (index) => Array.from(memory.keys())[index] ?? null,
    get length() {
      return memory.size;
    },
  };

  // ---- The session --------------------------------------------------------------------------
  // The tokens are kept in this closure ONLY: never in localStorage, sessionStorage or a cookie,
  // so that nothing is left on a shared workstation and no other page or later visitor can read
  // them. A reload or a closed tab ends the session here (sign in again). The refresh token comes
  // only in the login response's body, so it is kept the same way.
  let session = null; // { accessToken, expiresAt, refreshToken, refreshExpiresAt (ms), role, user, tenant }
  let notice = null; // why the session ended, when the page ended it (not the user)
  const listeners = new Set();
  const publish = () => listeners.forEach((listener) => listener());
  const setSession = (next, why) => {
    session = next;
    notice = why || null;
    publish();
  };

  /** One POST to the endpoint: the JSON answer and its status. Credentials are never sent as cookies. */
  async function post(body, headers) {
    let response;
    try {
      response = await fetch(cfg.url, {
        method: 'POST',
        credentials: 'omit',
        headers: Object.assign({}, headers, { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }),
        body: JSON.stringify(body),
      });
    } catch {
      return { status: 0, json: { errors: [{ message: 'The server could not be reached: check the network and try again.' }] } };
    }
    const text = await response.text();
    try {
      return { status: response.status, json: JSON.parse(text) };
    } catch {
      return { status: response.status, json: { errors: [{ message: `The server answered ${response.status} without a GraphQL result.` }] } };
    }
  }

  /** The errors of an answer in one sentence, with the fields a BAD_USER_INPUT names. */
  function describeErrors(errors) {
    return errors
      .map((error) => {
        const fields = error.extensions && Array.isArray(error.extensions.fields) ? error.extensions.fields : [];
        const named = fields.filter((f) => f && f.field && !String(error.message).includes(f.field));
        return named.length ? `${error.message} (${named.map((f) => `${f.field}: ${f.message || f.rule}`).join('; ')})` : error.message;
      })
      .join(' ');
  }

  const tokensOf = (payload) => ({
    accessToken: payload.accessToken,
    expiresAt: Date.parse(payload.expiresAt),
    refreshToken: payload.refreshToken,
    refreshExpiresAt: Date.parse(payload.refreshExpiresAt),
    role: payload.role,
  });

  /** Signs in with the `login` mutation (no Authorization header: a stale token would be refused first). Throws the API's message. */
  async function signIn(input) {
    const { json } = await post({ query: LOGIN, variables: { input }, operationName: 'SignIn' }, {});
    if (json.errors && json.errors.length) throw new Error(describeErrors(json.errors));
    const login = json.data.login;
    setSession(Object.assign(tokensOf(login), { user: login.user, tenant: login.tenant }));
  }

  /** Ends the session here at once, and on the server (its refresh token revoked). */
  function signOut() {
    const ending = session;
    setSession(null);
    if (ending) post({ query: LOGOUT, variables: { input: { refreshToken: ending.refreshToken } }, operationName: 'SignOut' }, {}).catch(() => {});
  }

  // A refresh token is single use (a second use ends the session): requests that need a new
  // access token at the same time share one refresh.
  let refreshing = null;
  function refresh() {
    if (!refreshing) refreshing = renew().finally(() => (refreshing = null));
    return refreshing;
  }
  async function renew() {
    const current = session;
    if (!current) return false;
    if (Date.now() >= current.refreshExpiresAt) {
      setSession(null, 'Your session has expired: sign in again.');
      return false;
    }
    const { json } = await post({ query: REFRESH, variables: { input: { refreshToken: current.refreshToken } }, operationName: 'Refresh' }, {});
    if (session !== current) return false; // signed out (or in again) meanwhile
    if (json.errors && json.errors.length) {
      setSession(null, `Your session has ended (${describeErrors(json.errors)}): sign in again.`);
      return false;
    }
    setSession(Object.assign({}, current, tokensOf(json.data.refreshSession)));
    return true;
  }

  /** The token itself was refused: expired or altered (401), or issued before a change of the member's access (ACCESS_CHANGED). */
  const refused = (answer) =>
    answer.status === 401 || (Array.isArray(answer.json.errors) && answer.json.errors.some((error) => error && error.extensions && error.extensions.reason === 'ACCESS_CHANGED'));

  /**
   * GraphiQL's fetcher: every request carries the session's token as `Authorization: Bearer …`,
   * unless the Headers tab sets an Authorization of its own. The token is renewed before it
   * expires, and once more if the server refuses it.
   */
  async function fetcher(params, options) {
    const extra = (options && options.headers) || {};
    const ownAuthorization = Object.keys(extra).some((name) => name.toLowerCase() === 'authorization');
    const send = () => {
      const headers = Object.assign({}, extra);
      if (session && !ownAuthorization) headers.authorization = `Bearer ${session.accessToken}`;
      return post(params, headers);
    };
    if (session && !ownAuthorization && session.expiresAt - Date.now() < REFRESH_MARGIN_MS) await refresh();
    const sentWith = session;
    let answer = await send();
    if (sentWith && !ownAuthorization && refused(answer) && (session !== sentWith || (await refresh()))) answer = await send();
    return answer.json;
  }

  function useSession() {
    const [, rerender] = React.useReducer((n) => n + 1, 0);
    React.useEffect(() => {
      listeners.add(rerender);
      return () => listeners.delete(rerender);
    }, []);
    return session;
  }

  // ---- CSV download ---------------------------------------------------------------------------
  /** Saves the current result's first list of objects (CareGraphCsv's rule) as a file; returns what was saved. */
  function downloadCsv(responseText) {
    let response;
    try {
      response = JSON.parse(responseText);
    } catch {
      return 'Run a query first: there is no result to download.';
    }
    const result = CareGraphCsv.resultToCsv(response);
    if (!result) return 'The result holds no list of objects (a connection’s nodes or edges, or groups) to download.';
    // A Blob and an object URL: the file is made in the page, no request leaves it. The BOM
    // makes spreadsheet programs read the text as UTF-8 (names with accents).
    const blob = new Blob(['\uFEFF', result.csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `caregraph-${result.path.filter((p) => p !== 'nodes' && p !== 'edges' && p !== 'node').join('-') || 'result'}-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return `Saved ${result.rowCount} row${result.rowCount === 1 ? '' : 's'} of ${result.path.join('.')} (${result.columns.length} columns).`;
  }

  // ---- Inside GraphiQL ------------------------------------------------------------------------
  // GraphiQL 3.9's UMD bundle exports the whole <GraphiQL> only (not its provider and interface
  // apart), so the bar above it reaches GraphiQL's editors through this component, which GraphiQL
  // renders inside itself (in its toolbar, showing nothing).
  let graphiql = null; // { editors, schema } of the mounted GraphiQL
  let examplesWanted = 0; // how many times the role's examples were asked for (each sign-in, the Examples button)
  let examplesOpened = 0; // how many of those were opened (here, not in the component: GraphiQL may mount it again)
  const wantExamples = () => {
    examplesWanted += 1;
    publish();
  };

  function Bridge() {
    useSession(); // re-rendered with each change of session or request for examples
    const editors = ui.useEditorContext({ nonNull: true });
    const schema = ui.useSchemaContext({ nonNull: true });
    graphiql = { editors, schema };
    const wanted = examplesWanted;
    React.useEffect(() => {
      if (wanted === examplesOpened || !session) return;
      examplesOpened = wanted;
      // GraphiQL's defaultQuery is the role's examples by now (App): a new tab opens with them.
      editors.addTab();
      // The schema loads anonymously; should that have failed, it is asked for again signed in.
      if (!schema.schema && !schema.isFetching) schema.introspect();
    }, [wanted, editors, schema]);
    return null;
  }

  // ---- The bar above GraphiQL -----------------------------------------------------------------
  function SignInForm() {
    const [fields, setFields] = React.useState({ tenantSlug: '', email: '', password: '' });
    const [busy, setBusy] = React.useState(false);
    const [error, setError] = React.useState(null);
    const field = (name, label, type, autoComplete, placeholder) =>
      h('label', { className: 'cg-field' }, label, ' ',
        h('input', {
          id: `cg-${name}`, name, type, autoComplete, placeholder, required: true, value: fields[name], disabled: busy,
          onChange: (event) => setFields(Object.assign({}, fields, { [name]: event.target.value })),
        }));
    const submit = (event) => {
      event.preventDefault();
      setBusy(true);
      setError(null);
      signIn({ tenantSlug: fields.tenantSlug.trim(), email: fields.email.trim(), password: fields.password })
        .then(wantExamples)
        .catch((failure) => {
          setError(failure.message);
          setBusy(false);
        });
    };
    return h('form', { className: 'cg-signin', onSubmit: submit, 'aria-label': 'Sign in' },
      field('tenantSlug', 'Tenant', 'text', 'organization', 'tenant slug'),
      field('email', 'Email', 'email', 'username', 'you@example.org'),
      field('password', 'Password', 'password', 'current-password', ''),
      h('button', { type: 'submit', id: 'cg-signin', className: 'cg-button', disabled: busy }, busy ? 'Signing in…' : 'Sign in'),
      error || notice ? h('span', { id: 'cg-error', role: 'alert', className: 'cg-error' }, error || notice) : null);
  }

  function SessionBar() {
    const current = useSession();
    const [saved, setSaved] = React.useState(null);
    const onDownload = () => {
      const response = graphiql && graphiql.editors.responseEditor;
      setSaved(downloadCsv(response ? response.getValue() : ''));
    };
    return h('header', { className: 'cg-bar' },
      h('strong', { className: 'cg-title' }, 'CareGraph'),
      current
        ? h(React.Fragment, null,
            h('span', { id: 'cg-whoami' }, 'Signed in as ', h('b', null, current.user.email), ` · ${current.role} · ${current.tenant.name} (${current.tenant.slug})`),
            h('button', { type: 'button', id: 'cg-examples', className: 'cg-button', onClick: wantExamples, title: 'Open the examples for your role in a new tab' }, 'Examples'),
            h('button', { type: 'button', id: 'cg-signout', className: 'cg-button', onClick: signOut }, 'Sign out'))
        : h(SignInForm),
      h('span', { className: 'cg-spacer' }),
      h('span', { className: 'cg-csv' },
        saved ? h('span', { id: 'cg-csv-status', role: 'status' }, saved) : null,
        h('button', { type: 'button', id: 'cg-csv', className: 'cg-button', onClick: onDownload, title: 'Download the list in the current result as CSV' }, 'Download CSV')));
  }

  // Constants, so that GraphiQL's contexts stay the same from one render to the next.
  const explorer = GraphiQLPluginExplorer.explorerPlugin();
  const plugins = [explorer];
  const toolbar = { additionalComponent: Bridge };

  function App() {
    const current = useSession();
    const role = current ? current.role : null;
    return h('div', { className: 'cg-ide' },
      h(SessionBar),
      h('div', { className: 'cg-graphiql' },
        h(GraphiQL, {
          fetcher,
          plugins,
          // The explorer opens with the page (queries built by clicking); its button closes it.
          visiblePlugin: explorer,
          // New tabs (and the one opened at sign-in) start with the role's examples.
          defaultQuery: (role && cfg.examples[role]) || cfg.defaultQuery,
          isHeadersEditorEnabled: true,
          storage,
          toolbar,
        })));
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(h(App));
}
