import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126150400 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "keel_search_term" drop constraint if exists "keel_search_term_index_name_term_unique";`);
    this.addSql(`alter table if exists "keel_search_stop_word" drop constraint if exists "keel_search_stop_word_word_unique";`);
    this.addSql(`create table if not exists "keel_search_query" ("id" text not null, "query" text not null, "index_name" text not null, "hit_count" integer not null, "corrected_query" text null, "locale" text null, "session_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_search_query_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_search_query_deleted_at" ON "keel_search_query" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_search_query_created_at" ON "keel_search_query" ("created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_search_query_query" ON "keel_search_query" ("query") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_search_stop_word" ("id" text not null, "word" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_search_stop_word_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_search_stop_word_deleted_at" ON "keel_search_stop_word" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_search_stop_word_word_unique" ON "keel_search_stop_word" ("word") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_search_synonym" ("id" text not null, "terms" text[] not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_search_synonym_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_search_synonym_deleted_at" ON "keel_search_synonym" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "keel_search_term" ("id" text not null, "index_name" text not null, "term" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "keel_search_term_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_search_term_deleted_at" ON "keel_search_term" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_keel_search_term_index_name_term_unique" ON "keel_search_term" ("index_name", "term") WHERE deleted_at IS NULL;`);

    // Written by hand: query words are corrected against the vocabulary through this index.
    this.addSql(`CREATE EXTENSION IF NOT EXISTS pg_trgm;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_keel_search_term_trgm" ON "keel_search_term" USING gin ("term" gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "keel_search_query" cascade;`);

    this.addSql(`drop table if exists "keel_search_stop_word" cascade;`);

    this.addSql(`drop table if exists "keel_search_synonym" cascade;`);

    this.addSql(`drop table if exists "keel_search_term" cascade;`);
  }

}
