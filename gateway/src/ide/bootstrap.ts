/**
 * The IDE page's script, served as /ide/app.js (not inline) so the page's CSP can be `script-src 'self'`.
 * Plain ES2017 for the browser: a token box (kept in localStorage) and GraphiQL with a fetcher that
 * adds `Authorization: Bearer …`. A new token remounts GraphiQL so the schema is fetched again.
 */
export const IDE_BOOTSTRAP_JS = String.raw`(function () {
  'use strict';
  var STORAGE_KEY = 'vinculo.ide.token';
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  var input = document.getElementById('token');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));

  function currentToken() {
    return input.value.trim().replace(/^Bearer\s+/i, '');
  }

  function authorizedFetch(url, init) {
    init = init || {};
    var headers = new Headers(init.headers || {});
    var token = currentToken();
    if (token) headers.set('Authorization', 'Bearer ' + token);
    return window.fetch(url, Object.assign({}, init, { headers: headers }));
  }

  var fetcher = GraphiQL.createFetcher({ url: config.endpoint, fetch: authorizedFetch });

  function render() {
    root.render(
      React.createElement(GraphiQL, {
        key: currentToken() || 'no-token',
        fetcher: fetcher,
        defaultQuery: config.defaultQuery,
        defaultEditorToolsVisibility: false
      })
    );
  }

  try {
    input.value = window.localStorage.getItem(STORAGE_KEY) || '';
  } catch (e) {
    // Storage can be blocked (private mode); the box still works for this page.
  }
  input.addEventListener('change', function () {
    try {
      window.localStorage.setItem(STORAGE_KEY, currentToken());
    } catch (e) {}
    render();
  });
  render();
})();
`;
