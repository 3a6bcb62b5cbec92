import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127104329 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_analytics_rollup" drop constraint if exists "keel_analytics_rollup_grain_metric_bucket_key_unique";`);
    this.addSql(`alter table if exists "keel_analytics_event" drop constraint if exists "keel_analytics_event_dedupe_key_unique";`);
    this.addSql(`alter table if exists "keel_analytics_cursor" drop constraint if exists "keel_analytics_cursor_name_unique";`);
    this.addSql(`alter table if exists "keel_analytics_cart_session" drop constraint if exists "keel_analytics_cart_session_cart_id_unique";`);
    this.addSql(`create table if not exists "keel_analytics_cart_session" ("id" text not null, "cart_id" text not null, "session_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_analytics_cart_session_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_cart_session_deleted_at" ON "keel_analytics_cart_session" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_analytics_cart_session_cart_id_unique" ON "keel_analytics_cart_session" ("cart_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_analytics_cursor" ("id" text not null, "name" text not null, "position" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_analytics_cursor_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_cursor_deleted_at" ON "keel_analytics_cursor" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_analytics_cursor_name_unique" ON "keel_analytics_cursor" ("name") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_analytics_db_sample" ("id" text not null, "sampled_at" timestamptz not null, "interval_seconds" real not null, "transactions" numeric not null, "tps" real not null, "active_connections" integer not null, "total_connections" integer not null, "max_connections" integer not null, "pool_max" integer null, "blks_read" numeric not null, "blks_hit" numeric not null, "xact_total" numeric not null, "blks_read_total" numeric not null, "blks_hit_total" numeric not null, "cache_hits" integer not null default 0, "cache_misses" integer not null default 0, "raw_transactions" jsonb not null, "raw_blks_read" jsonb not null, "raw_blks_hit" jsonb not null, "raw_xact_total" jsonb not null, "raw_blks_read_total" jsonb not null, "raw_blks_hit_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_analytics_db_sample_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_db_sample_deleted_at" ON "keel_analytics_db_sample" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_db_sample_sampled_at" ON "keel_analytics_db_sample" ("sampled_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_analytics_event" ("id" text not null, "name" text not null, "session_id" text null, "customer_id" text null, "properties" jsonb null, "occurred_at" timestamptz not null, "received_at" timestamptz not null, "source" text check ("source" in ('server', 'storefront')) not null, "dedupe_key" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_analytics_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_event_deleted_at" ON "keel_analytics_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_event_occurred_at" ON "keel_analytics_event" ("occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_event_received_at" ON "keel_analytics_event" ("received_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_event_session_id" ON "keel_analytics_event" ("session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_event_customer_id_occurred_at" ON "keel_analytics_event" ("customer_id", "occurred_at") WHERE customer_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_analytics_event_dedupe_key_unique" ON "keel_analytics_event" ("dedupe_key") WHERE dedupe_key IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_analytics_rollup" ("id" text not null, "grain" text check ("grain" in ('hour', 'day', 'month')) not null, "bucket" timestamptz not null, "metric" text not null, "key" text not null default '', "value" numeric not null, "raw_value" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_analytics_rollup_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_analytics_rollup_deleted_at" ON "keel_analytics_rollup" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_analytics_rollup_grain_metric_bucket_key_unique" ON "keel_analytics_rollup" ("grain", "metric", "bucket", "key") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "keel_analytics_cart_session" cascade;`);

    this.addSql(`drop table if exists "keel_analytics_cursor" cascade;`);

    this.addSql(`drop table if exists "keel_analytics_db_sample" cascade;`);

    this.addSql(`drop table if exists "keel_analytics_event" cascade;`);

    this.addSql(`drop table if exists "keel_analytics_rollup" cascade;`);
  }

}
