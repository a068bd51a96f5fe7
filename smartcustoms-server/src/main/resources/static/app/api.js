// Thin client for the SMART Customs REST API: bearer token from sessionStorage, RFC 7807 problems as ApiError.
const TOKEN_KEY = 'sc.token';
const USER_KEY = 'sc.user';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get user() {
    try { return JSON.parse(sessionStorage.getItem(USER_KEY) || 'null'); } catch { return null; }
  },
  save(token, user) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

/** An API failure: HTTP status, problem detail, field errors [{path, code, message}] and extra problem fields. */
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = (problem && (problem.detail || problem.title)) || `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.problem = problem || {};
    this.detail = detail;
    this.errors = Array.isArray(problem && problem.errors) ? problem.errors : [];
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== '') q.append(k, String(v).trim());
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** Calls the API. body: object → JSON; string/Blob with opts.contentType → raw. Returns parsed JSON (or text). */
export async function api(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  let payload;
  if (body !== undefined && body !== null) {
    if (opts.contentType) {
      headers['Content-Type'] = opts.contentType;
      payload = body;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  const url = '/api/v1' + path + query(opts.params);
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload });
  } catch (e) {
    throw new ApiError(0, { detail: 'The server cannot be reached: ' + e.message });
  }
  if (opts.raw) {
    if (!res.ok) throw new ApiError(res.status, await readProblem(res));
    return res;
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !path.startsWith('/auth/login')) onUnauthorized(problem);
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) return res.json();
  return res.text();
}

async function readProblem(res) {
  const text = await res.text();
  try { return JSON.parse(text); } catch { return { detail: text ? text.slice(0, 300) : '' }; }
}

export const get = (path, params) => api('GET', path, null, { params });
export const post = (path, body, opts) => api('POST', path, body, opts);
export const put = (path, body) => api('PUT', path, body);

/** Downloads an API resource with the token and saves it through a temporary blob link. */
export async function download(path, params, filename) {
  const res = await api('GET', path, null, { params, raw: true });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

let profile = null;
/** The administration's national currency (form default), asked once per page load; '' when it cannot be read. */
export async function nationalCurrency() {
  if (!profile) profile = get('/tariff/profile').catch(() => ({ nationalCurrency: '' }));
  return (await profile).nationalCurrency || '';
}
