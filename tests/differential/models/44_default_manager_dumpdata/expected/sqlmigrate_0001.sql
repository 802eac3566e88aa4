BEGIN;
--
-- Create model Article
--
CREATE TABLE "app_article" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(50) NOT NULL, "published" bool NOT NULL);
--
-- Create model Tag
--
CREATE TABLE "app_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(30) NOT NULL, "visible" bool NOT NULL);
--
-- Create model Note
--
CREATE TABLE "app_note" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL, "article_id" bigint NOT NULL REFERENCES "app_article" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Add field tags to article
--
CREATE TABLE "app_article_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "article_id" bigint NOT NULL REFERENCES "app_article" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" bigint NOT NULL REFERENCES "app_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_note_article_id_1cb0a509" ON "app_note" ("article_id");
CREATE UNIQUE INDEX "app_article_tags_article_id_tag_id_b90e8da7_uniq" ON "app_article_tags" ("article_id", "tag_id");
CREATE INDEX "app_article_tags_article_id_3564e3a7" ON "app_article_tags" ("article_id");
CREATE INDEX "app_article_tags_tag_id_6f047cb5" ON "app_article_tags" ("tag_id");
COMMIT;
