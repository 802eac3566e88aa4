BEGIN;
--
-- Create model Tag
--
CREATE TABLE "app_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(30) NOT NULL);
--
-- Create model Post
--
CREATE TABLE "app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "views" integer NOT NULL, "created" datetime NOT NULL);
CREATE TABLE "app_post_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" integer NOT NULL REFERENCES "app_post" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "app_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Detail
--
CREATE TABLE "app_detail" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "memo" text NOT NULL, "post_id" integer NOT NULL UNIQUE REFERENCES "app_post" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "app_post_tags_post_id_tag_id_8b172ad2_uniq" ON "app_post_tags" ("post_id", "tag_id");
CREATE INDEX "app_post_tags_post_id_99efbe0e" ON "app_post_tags" ("post_id");
CREATE INDEX "app_post_tags_tag_id_ef7fd308" ON "app_post_tags" ("tag_id");
COMMIT;
