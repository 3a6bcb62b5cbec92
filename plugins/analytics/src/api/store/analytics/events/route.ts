import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refuseTooMany } from "@keel/core"
import { scrubProperties, SESSION_HEADER, sessionKey, type CapturedEvent, type EventName } from "../../../../lib/events"
import { ANALYTICS_MODULE } from "../../../../modules/analytics"
import type AnalyticsModuleService from "../../../../modules/analytics/service"
import { recordAnalyticsEventsWorkflow } from "../../../../workflows/record-analytics-events"
import type { StoreIngestBatchType } from "../../../validators"

type Req = MedusaRequest<StoreIngestBatchType> & { auth_context?: { actor_id?: string; actor_type?: string } }

const FUTURE_SLACK_MS = 5 * 60_000

/**
 * POST /store/analytics/events `{ session_id?, events: [{ event, properties?, timestamp? }] }`:
 * what only the browser sees (product and list views, cart views), in batches. 202 when
 * stored; 400 for a malformed or oversize batch, 413 for a body over 512 kB, 429 with
 * Retry-After when the session, or the client address whatever sessions it names, sends too
 * often. A rejected batch stores nothing.
 */
export const POST = async (req: Req, res: MedusaResponse) => {
  const service = req.scope.resolve<AnalyticsModuleService>(ANALYTICS_MODULE)
  const options = await service.getOptions()
  const body = req.validatedBody
  if (body.events.length > options.ingest.maxBatch) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `A batch holds at most ${options.ingest.maxBatch} events; this one has ${body.events.length}`)
  }
  const session = sessionKey(body.session_id ?? req.get(SESSION_HEADER))
  if (!session) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Send the storefront's session id as session_id or in the ${SESSION_HEADER} header`)
  }
  const now = Date.now()
  const oldest = now - options.lateWindowHours * 3_600_000
  body.events.forEach((e, i) => {
    const t = e.timestamp?.getTime()
    if (t !== undefined && (Number.isNaN(t) || t < oldest || t > now + FUTURE_SLACK_MS)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `events[${i}].timestamp must be within the last ${options.lateWindowHours} hours and not in the future`
      )
    }
  })
  const budgets = await service.budgets()
  const allowed = await budgets.takeAll([
    ["perSession", session],
    ["perAddress", budgets.addressOf(req)],
  ])
  if (!allowed.ok) {
    return refuseTooMany(res, allowed.retryAfter, "Too many batches from this session or address")
  }
  const auth = req.auth_context
  const customer = auth?.actor_type === "customer" ? auth.actor_id ?? null : null
  const events: CapturedEvent[] = body.events.map((e) => ({
    name: e.event as EventName,
    session_id: session,
    customer_id: customer,
    properties: scrubProperties(e.properties ?? {}) as Record<string, unknown>,
    occurred_at: e.timestamp ?? new Date(now),
    source: "storefront",
  }))
  const { result } = await recordAnalyticsEventsWorkflow(req.scope).run({ input: events })
  res.status(202).json({ accepted: result.stored.length })
}
