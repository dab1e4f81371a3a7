// The typed API client: paths and bodies come from the server's OpenAPI document (schema.d.ts, regenerated and
// compared with the running server by the end-to-end tests), so a renamed field fails the type check.
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'

/** An error answer of the API, in the caller's language, with the message of each field that failed. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>
  readonly requestId: string

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, requestId = '') {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.requestId = requestId
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string>; request_id?: string }
}

/** The ApiError for an answer that is not a success; `body` is its parsed JSON, if any. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  const error = (body as ErrorBody | undefined)?.error
  if (!error) return new ApiError(status, 'network', fallback)
  return new ApiError(status, error.code ?? 'unknown', error.message ?? fallback, error.fields ?? {}, error.request_id ?? '')
}

const state = {
  csrf: '',
  language: 'zh-CN',
  onUnauthenticated: (() => undefined) as () => void,
}

export function setCsrfToken(token: string | null | undefined): void {
  state.csrf = token ?? ''
}
export function setApiLanguage(language: string): void {
  state.language = language
}
/** Called when a request answers 401 (the session ended): the app goes back to the sign-in page. */
export function onUnauthenticated(handler: () => void): void {
  state.onUnauthenticated = handler
}

/** Headers every request carries: the language of the answer, and the CSRF token on changes. */
export function requestHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': state.language }
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) headers['X-CSRF-Token'] = state.csrf
  return headers
}

const session: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(requestHeaders(request.method))) request.headers.set(name, value)
    return request
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/v1/auth/login')) state.onUnauthenticated()
    return response
  },
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })
api.use(session)

type Answer<T> = { data?: T; error?: unknown; response: Response }

/** The data of a successful answer; otherwise throws the ApiError it carries. */
export async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>
  try {
    answer = await pending
  } catch {
    throw new ApiError(0, 'network', navigatorOffline() ? 'offline' : 'network')
  }
  if (answer.response.ok) return answer.data as T
  throw toApiError(answer.response.status, answer.error, answer.response.statusText)
}

function navigatorOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false
}

/** For the few calls the generated types do not describe (documents of any type, CSV bodies): plain fetch. */
export async function request<T>(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = requestHeaders(method)
  let payload: BodyInit | undefined
  if (body !== undefined) {
    headers['Content-Type'] = contentType
    const raw = typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer
    payload = raw ? (body as BodyInit) : JSON.stringify(body)
  }
  let response: Response
  try {
    response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', 'network')
  }
  const text = await response.text()
  const parsed: unknown = text ? safeJson(text) : undefined
  if (response.status === 401) state.onUnauthenticated()
  if (!response.ok) throw toApiError(response.status, parsed, response.statusText)
  return parsed as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
