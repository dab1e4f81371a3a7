import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, request, requestHeaders, setApiLanguage, setCsrfToken, toApiError } from './client'

afterEach(() => vi.unstubAllGlobals())

describe('api client', () => {
  it('sends the language always and the CSRF token on changes only', () => {
    setApiLanguage('en')
    setCsrfToken('t0k3n')
    expect(requestHeaders('GET')).toEqual({ 'Accept-Language': 'en' })
    expect(requestHeaders('POST')).toEqual({ 'Accept-Language': 'en', 'X-CSRF-Token': 't0k3n' })
    setCsrfToken(null)
    expect(requestHeaders('PATCH')).toEqual({ 'Accept-Language': 'en' })
  })
  it('reads the error shape with its field messages', () => {
    const error = toApiError(
      422,
      { error: { code: 'validation_failed', message: '请求中有 1 个字段填写不正确', fields: { name: '不能为空' }, request_id: 'abc' } },
      'Unprocessable',
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(error.fields).toEqual({ name: '不能为空' })
    expect(error.requestId).toBe('abc')
    expect(toApiError(502, undefined, 'Bad Gateway').message).toBe('Bad Gateway')
  })
  it('throws the server error of a failed request and parses a success', async () => {
    const fetch = vi.fn()
    fetch.mockResolvedValueOnce(new Response('{"error":{"code":"conflict","message":"已被修改"}}', { status: 409 }))
    fetch.mockResolvedValueOnce(new Response('{"id":7}', { status: 201 }))
    vi.stubGlobal('fetch', fetch)
    await expect(request('POST', '/api/v1/x', { a: 1 })).rejects.toMatchObject({ status: 409, message: '已被修改' })
    await expect(request('POST', '/api/v1/x', 'name,phone\n', 'text/csv')).resolves.toEqual({ id: 7 })
    expect(fetch.mock.calls[0][1].body).toBe('{"a":1}')
    expect(fetch.mock.calls[1][1].headers['Content-Type']).toBe('text/csv')
    expect(fetch.mock.calls[1][1].body).toBe('name,phone\n')
  })
})
