import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import { PaymentWebhookEvent } from "./models/payment-webhook-event"

class KeelPaymentsModuleService extends MedusaService({ PaymentWebhookEvent }) {
  /**
   * Records a webhook event; false when it was recorded before (a redelivery). One
   * statement, so two deliveries racing each other cannot both be first.
   */
  @InjectManager()
  async recordWebhookEvent(
    event: { provider: string; event_id: string; type?: string | null },
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<boolean> {
    const rows = await sharedContext.manager!.execute(
      `INSERT INTO keel_payment_webhook_event (id, provider, event_id, type)
       VALUES ('pwev_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?)
       ON CONFLICT (provider, event_id) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [event.provider, event.event_id, event.type ?? null]
    )
    return rows.length > 0
  }

  /** Forgets an event whose processing could not be queued, so its redelivery is applied. */
  @InjectManager()
  async forgetWebhookEvent(
    event: { provider: string; event_id: string },
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ) {
    await sharedContext.manager!.execute(`DELETE FROM keel_payment_webhook_event WHERE provider = ? AND event_id = ?`, [
      event.provider,
      event.event_id,
    ])
  }
}

export default KeelPaymentsModuleService
