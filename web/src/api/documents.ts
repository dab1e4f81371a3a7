// Documents of any type, as the workflow kernel serves them at /api/v1/<resource>/<id>: the state, the timers, the
// timeline, and the actions the signed-in user may take now with the inputs each needs.
import { request } from './client'

export type InputKind =
  | 'text'
  | 'time'
  | 'customer_notice'
  | 'approval'
  | 'signature'
  | 'checklist'
  | 'assignee'
  | 'number'
  | 'choice'
  | 'photos'

export interface ActionInput {
  name: string
  kind: InputKind
  required: boolean
  label: string
  max_chars?: number
  channels?: { value: string; label: string }[]
  items?: { key: string; label: string }[]
  roles?: string[]
  max_bytes?: number
  min?: number
  max?: number
  options?: { value: string; label: string }[]
  max_items?: number
}

export interface ActionDef {
  name: string
  label: string
  to: string | null
  inputs: ActionInput[]
}

export interface Timer {
  name: string
  label: string
  state: string
  state_label: string
  deadline: string
  breached_at: string | null
  paused_at: string | null
}

export interface DocumentView {
  id: number
  type: string
  type_label: string
  number: string
  store_id: number
  state: string
  state_label: string
  version: number
  assignee_id: number | null
  created_at: string
  updated_at: string
  fields: Record<string, unknown>
  timers: Timer[]
  actions: ActionDef[]
}

export interface TimelineEvent {
  seq: number
  at: string
  actor_name: string
  action: string
  action_label: string
  from_state: string
  to_state: string
  changes: Record<string, { before: unknown; after: unknown }>
  inputs: Record<string, unknown>
  comment: string
}

export function getDocument(resource: string, id: number): Promise<DocumentView> {
  return request<DocumentView>('GET', `/api/v1/${resource}/${id}`)
}

export async function getTimeline(resource: string, id: number): Promise<TimelineEvent[]> {
  return (await request<{ items: TimelineEvent[] }>('GET', `/api/v1/${resource}/${id}/events`)).items
}

export function applyAction(
  resource: string,
  id: number,
  action: string,
  version: number,
  inputs: Record<string, unknown>,
  comment: string,
): Promise<DocumentView> {
  return request<DocumentView>('POST', `/api/v1/${resource}/${id}/actions/${action}`, { version, inputs, comment })
}

/** The body of an action's inputs from what a form collected: empty optional values are left out. */
export function actionInputs(specs: ActionInput[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const spec of specs) {
    const value = values[spec.name]
    if (value === undefined || value === null || value === '') continue
    out[spec.name] = value
  }
  return out
}
