// The catalog's calls, typed by the server's OpenAPI document.
import { api, request, unwrap } from '@/api/client'
import type { paths } from '@/api/schema'

type Json<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer B } } }
}
  ? B
  : never

export type Customer = Json<'/api/v1/customers/{id}', 'get'>
export type CustomerPage = Json<'/api/v1/customers', 'get'>
export type CustomerBody = NonNullable<paths['/api/v1/customers']['post']['requestBody']>['content']['application/json']
export type CustomerPatch = NonNullable<paths['/api/v1/customers/{id}']['patch']['requestBody']>['content']['application/json']
export type Product = Json<'/api/v1/products/{id}', 'get'>
export type ProductPage = Json<'/api/v1/products', 'get'>
export type ProductBody = NonNullable<paths['/api/v1/products']['post']['requestBody']>['content']['application/json']
export type ProductPatch = NonNullable<paths['/api/v1/products/{id}']['patch']['requestBody']>['content']['application/json']
export type ImportReport = Json<'/api/v1/customers/import', 'post', 201>
type CustomerQuery = NonNullable<paths['/api/v1/customers']['get']['parameters']['query']>
type ProductQuery = NonNullable<paths['/api/v1/products']['get']['parameters']['query']>

export const listCustomers = (query: Record<string, string | number>) =>
  unwrap(api.GET('/api/v1/customers', { params: { query: query as CustomerQuery } }))
export const getCustomer = (id: number) => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id: String(id) } } }))
export const createCustomer = (body: CustomerBody) => unwrap(api.POST('/api/v1/customers', { body }))
export const updateCustomer = (id: number, body: CustomerPatch) =>
  unwrap(api.PATCH('/api/v1/customers/{id}', { params: { path: { id: String(id) } }, body }))
export const mergeCustomers = (id: number, body: { version: number; duplicate_id: number; duplicate_version: number }) =>
  unwrap(api.POST('/api/v1/customers/{id}/merge', { params: { path: { id: String(id) } }, body }))

export const listProducts = (query: Record<string, string | number>) =>
  unwrap(api.GET('/api/v1/products', { params: { query: query as ProductQuery } }))
export const createProduct = (body: ProductBody) => unwrap(api.POST('/api/v1/products', { body }))
export const updateProduct = (id: number, body: ProductPatch) =>
  unwrap(api.PATCH('/api/v1/products/{id}', { params: { path: { id: String(id) } }, body }))
export const listCategories = async () => (await unwrap(api.GET('/api/v1/product-categories'))).items

/** Sends a CSV file's bytes as they are (the server reads UTF-8 or GB18030). */
export function importCsv(kind: 'customers' | 'products', bytes: ArrayBuffer | string, dryRun: boolean): Promise<ImportReport> {
  return request<ImportReport>('POST', `/api/v1/${kind}/import${dryRun ? '?dry_run=true' : ''}`, bytes, 'text/csv')
}
