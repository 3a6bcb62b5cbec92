import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127083146 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_wishlist_share" drop constraint if exists "keel_wishlist_share_token_hash_unique";`);
    this.addSql(`alter table if exists "keel_wishlist_item" drop constraint if exists "keel_wishlist_item_wishlist_id_variant_id_unique";`);
    this.addSql(`alter table if exists "keel_wishlist" drop constraint if exists "keel_wishlist_customer_id_unique";`);
    this.addSql(`alter table if exists "keel_wishlist" drop constraint if exists "keel_wishlist_guest_token_hash_unique";`);
    this.addSql(`create table if not exists "keel_wishlist" ("id" text not null, "customer_id" text null, "guest_token_hash" text null, "name" text not null, "sales_channel_id" text not null, "is_default" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_wishlist_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_deleted_at" ON "keel_wishlist" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_customer_id" ON "keel_wishlist" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_wishlist_guest_token_hash_unique" ON "keel_wishlist" ("guest_token_hash") WHERE deleted_at IS NULL AND guest_token_hash IS NOT NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_wishlist_customer_id_unique" ON "keel_wishlist" ("customer_id") WHERE deleted_at IS NULL AND is_default = true AND customer_id IS NOT NULL;`);

    this.addSql(`create table if not exists "keel_wishlist_item" ("id" text not null, "variant_id" text not null, "product_id" text not null, "quantity" integer not null default 1, "note" text null, "added_price" real null, "added_currency_code" text null, "alert_back_in_stock" boolean not null default false, "alert_price_drop" boolean not null default false, "wishlist_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_wishlist_item_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_item_wishlist_id" ON "keel_wishlist_item" ("wishlist_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_item_deleted_at" ON "keel_wishlist_item" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_wishlist_item_wishlist_id_variant_id_unique" ON "keel_wishlist_item" ("wishlist_id", "variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_item_variant_id" ON "keel_wishlist_item" ("variant_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_item_product_id" ON "keel_wishlist_item" ("product_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_wishlist_share" ("id" text not null, "token_hash" text not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "wishlist_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_wishlist_share_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_share_wishlist_id" ON "keel_wishlist_share" ("wishlist_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_share_deleted_at" ON "keel_wishlist_share" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_wishlist_share_token_hash_unique" ON "keel_wishlist_share" ("token_hash") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "keel_wishlist_item" add constraint "keel_wishlist_item_wishlist_id_foreign" foreign key ("wishlist_id") references "keel_wishlist" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "keel_wishlist_share" add constraint "keel_wishlist_share_wishlist_id_foreign" foreign key ("wishlist_id") references "keel_wishlist" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "keel_wishlist_item" drop constraint if exists "keel_wishlist_item_wishlist_id_foreign";`);

    this.addSql(`alter table if exists "keel_wishlist_share" drop constraint if exists "keel_wishlist_share_wishlist_id_foreign";`);

    this.addSql(`drop table if exists "keel_wishlist" cascade;`);

    this.addSql(`drop table if exists "keel_wishlist_item" cascade;`);

    this.addSql(`drop table if exists "keel_wishlist_share" cascade;`);
  }

}
