// Delivery and installation jobs (chapter B); a job is a document.
import { api, unwrap } from '@/api/client'
import type { paths } from '@/api/schema'

type DispatchQuery = NonNullable<paths['/api/v1/deliveries/board']['get']['parameters']['query']>
type JobQuery = NonNullable<paths['/api/v1/deliveries']['get']['parameters']['query']>
export type DispatchBoard = paths['/api/v1/deliveries/board']['get']['responses']['200']['content']['application/json']
export type JobRow = DispatchBoard['jobs'][number]

export const getDispatchBoard = (query: DispatchQuery) => unwrap(api.GET('/api/v1/deliveries/board', { params: { query } }))
export const listJobs = (query: JobQuery) => unwrap(api.GET('/api/v1/deliveries', { params: { query } }))

export interface JobFields {
  contract_id: number
  contract_number: string
  customer_name: string
  phone: string
  address: string
  installation_requirements: string
  special_requirements: string
  salesperson_name: string
  installer_id: number | null
  installer_name: string
  crew: string
  window_start: string | null
  window_end: string | null
  confirmed_at: string | null
  slip_sent_at: string | null
  inspected_at: string | null
  arrived_at: string | null
  late_minutes: number
  signed_at: string | null
  signer: string
  signature_file: string | null
  rating: number | null
  remarks: string
  voucher_returned_at: string | null
  photos: Record<string, string[]>
  lines: { line_no: number; product_name: string; model: string; quantity: number }[]
  changes: { kind: string; at: string; reason: string; goods: string; old_start: string | null; new_start: string; new_end: string }[]
  follow_ups: { at: string; satisfaction: number; remarks: string }[]
}
