import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127073900 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_review_vote" drop constraint if exists "keel_review_vote_review_id_customer_id_unique";`);
    this.addSql(`alter table if exists "keel_review_summary" drop constraint if exists "keel_review_summary_product_id_unique";`);
    this.addSql(`alter table if exists "keel_review" drop constraint if exists "keel_review_external_id_unique";`);
    this.addSql(`alter table if exists "keel_review" drop constraint if exists "keel_review_product_id_customer_id_unique";`);
    this.addSql(`create table if not exists "keel_review" ("id" text not null, "product_id" text not null, "variant_id" text null, "customer_id" text null, "order_id" text null, "order_line_item_id" text null, "verified_purchase" boolean not null default false, "rating" integer not null, "title" text null, "content" text not null, "author_name" text null, "status" text check ("status" in ('pending', 'approved', 'rejected', 'flagged')) not null default 'pending', "moderation_reason" text null, "source" text check ("source" in ('storefront', 'import', 'request')) not null default 'storefront', "locale" text null, "helpful_count" integer not null default 0, "unhelpful_count" integer not null default 0, "external_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_review_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_deleted_at" ON "keel_review" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_review_product_id_customer_id_unique" ON "keel_review" ("product_id", "customer_id") WHERE deleted_at IS NULL AND customer_id IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_product_id_status_created_at" ON "keel_review" ("product_id", "status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_status_created_at" ON "keel_review" ("status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_customer_id" ON "keel_review" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_review_external_id_unique" ON "keel_review" ("external_id") WHERE deleted_at IS NULL AND external_id IS NOT NULL;`);

    this.addSql(`create table if not exists "keel_review_media" ("id" text not null, "url" text not null, "file_id" text null, "review_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_review_media_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_media_review_id" ON "keel_review_media" ("review_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_media_deleted_at" ON "keel_review_media" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_review_reply" ("id" text not null, "content" text not null, "author_id" text null, "review_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_review_reply_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_reply_review_id" ON "keel_review_reply" ("review_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_reply_deleted_at" ON "keel_review_reply" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_review_summary" ("id" text not null, "product_id" text not null, "count" integer not null default 0, "rating_sum" integer not null default 0, "average" real not null default 0, "bayesian_average" real not null default 0, "rating_1" integer not null default 0, "rating_2" integer not null default 0, "rating_3" integer not null default 0, "rating_4" integer not null default 0, "rating_5" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_review_summary_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_summary_deleted_at" ON "keel_review_summary" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_review_summary_product_id_unique" ON "keel_review_summary" ("product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_summary_bayesian_average" ON "keel_review_summary" ("bayesian_average") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_review_vote" ("id" text not null, "customer_id" text not null, "helpful" boolean not null, "review_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_review_vote_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_vote_review_id" ON "keel_review_vote" ("review_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_review_vote_deleted_at" ON "keel_review_vote" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_review_vote_review_id_customer_id_unique" ON "keel_review_vote" ("review_id", "customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "keel_review_media" add constraint "keel_review_media_review_id_foreign" foreign key ("review_id") references "keel_review" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "keel_review_reply" add constraint "keel_review_reply_review_id_foreign" foreign key ("review_id") references "keel_review" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "keel_review_vote" add constraint "keel_review_vote_review_id_foreign" foreign key ("review_id") references "keel_review" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "keel_review_media" drop constraint if exists "keel_review_media_review_id_foreign";`);

    this.addSql(`alter table if exists "keel_review_reply" drop constraint if exists "keel_review_reply_review_id_foreign";`);

    this.addSql(`alter table if exists "keel_review_vote" drop constraint if exists "keel_review_vote_review_id_foreign";`);

    this.addSql(`drop table if exists "keel_review" cascade;`);

    this.addSql(`drop table if exists "keel_review_media" cascade;`);

    this.addSql(`drop table if exists "keel_review_reply" cascade;`);

    this.addSql(`drop table if exists "keel_review_summary" cascade;`);

    this.addSql(`drop table if exists "keel_review_vote" cascade;`);
  }

}
