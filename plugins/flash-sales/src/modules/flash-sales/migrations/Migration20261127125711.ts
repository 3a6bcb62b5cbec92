import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127125711 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_purchase_limit" drop constraint if exists "keel_purchase_limit_product_id_unique";`);
    this.addSql(`create table if not exists "keel_purchase_limit" ("id" text not null, "product_id" text not null, "max_quantity" integer not null, "starts_at" timestamptz null, "ends_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_purchase_limit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_purchase_limit_deleted_at" ON "keel_purchase_limit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_purchase_limit_product_id_unique" ON "keel_purchase_limit" ("product_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "keel_purchase_limit" cascade;`);
  }

}
