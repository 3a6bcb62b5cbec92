import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127075759 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_review_request" drop constraint if exists "keel_review_request_order_id_unique";`);
    this.addSql(`create table if not exists "keel_review_request" ("id" text not null, "order_id" text not null, "customer_id" text null, "email" text not null, "product_ids" jsonb not null, "send_after" timestamptz not null, "sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_review_request_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_request_deleted_at" ON "keel_review_request" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_review_request_order_id_unique" ON "keel_review_request" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_request_sent_at_send_after" ON "keel_review_request" ("sent_at", "send_after") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "keel_review_request" cascade;`);
  }

}
