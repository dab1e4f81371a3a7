// Contracts, stock and factory orders (chapter A), typed by the OpenAPI document; a contract and a factory order
// are documents.
import { api, unwrap } from '@/api/client'
import type { DocumentView } from '@/api/documents'
import type { paths } from '@/api/schema'

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } } | { 201: { content: { 'application/json': infer T } } }
}
  ? T
  : never

export type ContractBody = NonNullable<paths['/api/v1/contracts']['post']['requestBody']>['content']['application/json']
export type ContractPage = Json<'/api/v1/contracts', 'get'>
export type ContractRow = ContractPage['items'][number]
export type Board = Json<'/api/v1/contracts/board', 'get'>
export type StockPage = Json<'/api/v1/stock', 'get'>
export type Warehouse = Json<'/api/v1/warehouses', 'get'>['items'][number]
type ContractQuery = NonNullable<paths['/api/v1/contracts']['get']['parameters']['query']>

export const listContracts = (query: Record<string, string | number | boolean>) =>
  unwrap(api.GET('/api/v1/contracts', { params: { query: query as ContractQuery } }))
export const createContract = (body: ContractBody) =>
  unwrap(api.POST('/api/v1/contracts', { body })) as Promise<unknown> as Promise<DocumentView>
export const getBoard = (date?: string) =>
  unwrap(api.GET('/api/v1/contracts/board', { params: { query: date ? { date } : {} } }))
export const draftFactoryOrders = () => unwrap(api.POST('/api/v1/factory-orders/drafts', { body: {} }))
export const listWarehouses = async () => (await unwrap(api.GET('/api/v1/warehouses'))).items
export const listStock = (query: { warehouse_id?: number; q?: string; page?: number; page_size?: number }) =>
  unwrap(api.GET('/api/v1/stock', { params: { query } }))
export const receiveStock = (body: { warehouse_id: number; product_id: number; quantity: number; note?: string }) =>
  unwrap(api.POST('/api/v1/stock/receipts', { body }))

export interface ContractLine {
  id: number
  line_no: number
  product_id: number
  product_name: string
  model: string
  quantity: number
  unit_price_fen: number
  amount_fen: number
  reserved: number
  ordered: number
  need: number
}

export interface ContractFields {
  customer_name: string
  phone: string
  district: string
  address: string
  installation_requirements: string
  special_requirements: string
  salesperson_id: number
  salesperson_name: string
  warehouse_id: number
  received_at: string
  batch_date: string
  late: boolean
  total_fen: number
  all_reserved: boolean
  lines: ContractLine[]
}

export interface FactoryOrderFields {
  factory: string
  placed_at: string | null
  received_at: string | null
  overdue: boolean
  lines: {
    id: number
    contract_id: number
    contract_number: string
    product_name: string
    model: string
    quantity: number
    lead_time_days: number
    expected_on: string | null
    received: number
    overdue: boolean
  }[]
}

/** "¥12,880.00" from fen. */
export function yuan(fen: number): string {
  return '¥' + (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}
