import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127025737 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_media_asset" drop constraint if exists "keel_media_asset_file_id_unique";`);
    this.addSql(`create table if not exists "keel_media_asset" ("id" text not null, "file_id" text not null, "url" text not null, "hash" text not null, "width" integer not null, "height" integer not null, "mime_type" text not null, "size" integer not null, "variants" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_media_asset_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_media_asset_deleted_at" ON "keel_media_asset" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_media_asset_file_id_unique" ON "keel_media_asset" ("file_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_media_asset_url" ON "keel_media_asset" ("url") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "keel_media_asset" cascade;`);
  }

}
