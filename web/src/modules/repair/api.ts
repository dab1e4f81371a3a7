// Repair tickets: registration and the list are typed by the OpenAPI document; a ticket itself is a document.
import { api, unwrap } from '@/api/client'
import type { DocumentView } from '@/api/documents'
import type { paths } from '@/api/schema'

export type RegistrationBody = NonNullable<paths['/api/v1/repair-tickets']['post']['requestBody']>['content']['application/json']
export type TicketPage = paths['/api/v1/repair-tickets']['get']['responses']['200']['content']['application/json']
export type TicketRow = TicketPage['items'][number]
type TicketQuery = NonNullable<paths['/api/v1/repair-tickets']['get']['parameters']['query']>

export const listTickets = (query: Record<string, string | number | boolean>) =>
  unwrap(api.GET('/api/v1/repair-tickets', { params: { query: query as TicketQuery } }))
export const registerTicket = (body: RegistrationBody) =>
  unwrap(api.POST('/api/v1/repair-tickets', { body })) as Promise<unknown> as Promise<DocumentView>

export interface Visit {
  technician_id: number
  window_start: string | null
  window_end: string | null
  arrived_at: string
  departed_at: string | null
  late_minutes: number
  outcome: string
  findings: string
  parts_used: string
  explanation: string
  rating: number | null
  remarks: string
  signature_file: string | null
  signer: string
  refusal_reason: string
  photos: Record<string, string[]>
}

export interface TicketFields {
  customer_id: number
  customer_name: string
  phone: string
  district: string
  address: string
  product_model: string
  problem: string
  symptoms: string
  channel: 'phone' | 'letter' | 'visit' | 'web'
  source: 'store' | 'aftersales'
  delivered_on: string | null
  warranty: 'in_warranty' | 'out_of_warranty' | 'unknown'
  technician_id: number | null
  window_start: string | null
  window_end: string | null
  tools_to_prepare: string
  major: boolean
  calls: { at: string; caller_name: string; outcome: string; note: string }[]
  visits: Visit[]
  receipts: { number: string; goods: string; issued_at: string; taken_back_at: string | null }[]
  follow_ups: { at: string; satisfaction: number; remarks: string }[]
}

/** "mm:ss" (or "h:mm:ss") left until `deadline`; negative when passed. */
export function remaining(deadline: string, now: number): { text: string; overdue: boolean } {
  const ms = new Date(deadline).getTime() - now
  const total = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return { text: h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`, overdue: ms < 0 }
}
