import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204041804 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_wishlist_notification" drop constraint if exists "keel_wishlist_notification_idempotency_key_unique";`);
    this.addSql(`create table if not exists "keel_wishlist_notification" ("id" text not null, "idempotency_key" text not null, "alert_id" text not null, "item_id" text not null, "kind" text check ("kind" in ('back_in_stock', 'price_drop')) not null, "to" text not null, "channel" text not null, "template" text not null, "receiver_id" text null, "data" jsonb not null, "status" text check ("status" in ('pending', 'sent', 'dead')) not null default 'pending', "attempts" integer not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null, "sent_at" timestamptz null, "notification_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_wishlist_notification_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_notification_deleted_at" ON "keel_wishlist_notification" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_wishlist_notification_idempotency_key_unique" ON "keel_wishlist_notification" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_notification_status_next_attempt_at" ON "keel_wishlist_notification" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "keel_wishlist_notification" cascade;`);
  }

}
