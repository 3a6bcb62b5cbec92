import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127100233 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_wishlist_alert" drop constraint if exists "keel_wishlist_alert_item_id_kind_unique";`);
    this.addSql(`create table if not exists "keel_wishlist_alert" ("id" text not null, "kind" text check ("kind" in ('back_in_stock', 'price_drop')) not null, "in_stock" boolean null, "currency_code" text null, "region_id" text null, "saved_amount" numeric null, "reference_amount" numeric null, "notifications" integer not null default 0, "last_notified_at" timestamptz null, "item_id" text not null, "raw_saved_amount" jsonb null, "raw_reference_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_wishlist_alert_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_alert_item_id" ON "keel_wishlist_alert" ("item_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_alert_deleted_at" ON "keel_wishlist_alert" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_wishlist_alert_item_id_kind_unique" ON "keel_wishlist_alert" ("item_id", "kind") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_wishlist_alert_kind" ON "keel_wishlist_alert" ("kind") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "keel_wishlist_alert" add constraint "keel_wishlist_alert_item_id_foreign" foreign key ("item_id") references "keel_wishlist_item" ("id") on update cascade on delete cascade;`);

    // Subscriptions made before alerts had their own table: what they knew is unknown, so the
    // first check records it (back in stock) or starts from the price it sees (price drop).
    this.addSql(`insert into "keel_wishlist_alert" ("id", "kind", "item_id", "currency_code", "created_at", "updated_at", "deleted_at")
      select 'wla_' || substr(md5(i.id || k.kind), 1, 26), k.kind, i.id, i.added_currency_code, i.created_at, i.updated_at, i.deleted_at
        from "keel_wishlist_item" i
        cross join (values ('back_in_stock'), ('price_drop')) as k(kind)
       where (k.kind = 'back_in_stock' and i.alert_back_in_stock) or (k.kind = 'price_drop' and i.alert_price_drop)
      on conflict do nothing;`);
    this.addSql(`alter table if exists "keel_wishlist_item" drop column if exists "alert_back_in_stock", drop column if exists "alert_price_drop";`);

    this.addSql(`alter table if exists "keel_wishlist_item" add column if not exists "raw_added_price" jsonb null;`);
    this.addSql(`alter table if exists "keel_wishlist_item" alter column "added_price" type numeric using ("added_price"::numeric);`);
  }

  override async down(): Promise<void> {

    this.addSql(`alter table if exists "keel_wishlist_item" drop column if exists "raw_added_price";`);

    this.addSql(`alter table if exists "keel_wishlist_item" add column if not exists "alert_back_in_stock" boolean not null default false, add column if not exists "alert_price_drop" boolean not null default false;`);
    this.addSql(`update "keel_wishlist_item" i set
      "alert_back_in_stock" = exists (select 1 from "keel_wishlist_alert" a where a.item_id = i.id and a.kind = 'back_in_stock' and a.deleted_at is null),
      "alert_price_drop" = exists (select 1 from "keel_wishlist_alert" a where a.item_id = i.id and a.kind = 'price_drop' and a.deleted_at is null);`);
    this.addSql(`alter table if exists "keel_wishlist_item" alter column "added_price" type real using ("added_price"::real);`);
    this.addSql(`drop table if exists "keel_wishlist_alert" cascade;`);
  }

}
