BEGIN;
--
-- Add field author to post
--
CREATE TABLE "new__app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "title" varchar(100) NOT NULL, "content" text NOT NULL);
INSERT INTO "new__app_post" ("id", "title", "content", "author_id") SELECT "id", "title", "content", NULL FROM "app_post";
DROP TABLE "app_post";
ALTER TABLE "new__app_post" RENAME TO "app_post";
CREATE INDEX "app_post_author_id_87e1d289" ON "app_post" ("author_id");
--
-- Add field created_at to post
--
CREATE TABLE "new__app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "content" text NOT NULL, "author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "created_at" datetime NOT NULL);
INSERT INTO "new__app_post" ("id", "title", "content", "author_id", "created_at") SELECT "id", "title", "content", "author_id", '2024-01-15 12:00:00' FROM "app_post";
DROP TABLE "app_post";
ALTER TABLE "new__app_post" RENAME TO "app_post";
CREATE INDEX "app_post_author_id_87e1d289" ON "app_post" ("author_id");
--
-- Add field rating to post
--
CREATE TABLE "new__app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "content" text NOT NULL, "author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "created_at" datetime NOT NULL, "rating" integer NOT NULL);
INSERT INTO "new__app_post" ("id", "title", "content", "author_id", "created_at", "rating") SELECT "id", "title", "content", "author_id", "created_at", 5 FROM "app_post";
DROP TABLE "app_post";
ALTER TABLE "new__app_post" RENAME TO "app_post";
CREATE INDEX "app_post_author_id_87e1d289" ON "app_post" ("author_id");
--
-- Add field slug to post
--
CREATE TABLE "new__app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "content" text NOT NULL, "author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "created_at" datetime NOT NULL, "rating" integer NOT NULL, "slug" varchar(50) NOT NULL);
INSERT INTO "new__app_post" ("id", "title", "content", "author_id", "created_at", "rating", "slug") SELECT "id", "title", "content", "author_id", "created_at", "rating", '' FROM "app_post";
DROP TABLE "app_post";
ALTER TABLE "new__app_post" RENAME TO "app_post";
CREATE INDEX "app_post_author_id_87e1d289" ON "app_post" ("author_id");
CREATE INDEX "app_post_slug_90736f23" ON "app_post" ("slug");
--
-- Add field subtitle to post
--
CREATE TABLE "new__app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "content" text NOT NULL, "author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "created_at" datetime NOT NULL, "rating" integer NOT NULL, "slug" varchar(50) NOT NULL, "subtitle" varchar(100) NULL);
INSERT INTO "new__app_post" ("id", "title", "content", "author_id", "created_at", "rating", "slug", "subtitle") SELECT "id", "title", "content", "author_id", "created_at", "rating", "slug", NULL FROM "app_post";
DROP TABLE "app_post";
ALTER TABLE "new__app_post" RENAME TO "app_post";
CREATE INDEX "app_post_author_id_87e1d289" ON "app_post" ("author_id");
CREATE INDEX "app_post_slug_90736f23" ON "app_post" ("slug");
--
-- Add field views to post
--
CREATE TABLE "new__app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "content" text NOT NULL, "author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "created_at" datetime NOT NULL, "rating" integer NOT NULL, "slug" varchar(50) NOT NULL, "subtitle" varchar(100) NULL, "views" integer NOT NULL);
INSERT INTO "new__app_post" ("id", "title", "content", "author_id", "created_at", "rating", "slug", "subtitle", "views") SELECT "id", "title", "content", "author_id", "created_at", "rating", "slug", "subtitle", 0 FROM "app_post";
DROP TABLE "app_post";
ALTER TABLE "new__app_post" RENAME TO "app_post";
CREATE INDEX "app_post_author_id_87e1d289" ON "app_post" ("author_id");
CREATE INDEX "app_post_slug_90736f23" ON "app_post" ("slug");
COMMIT;
