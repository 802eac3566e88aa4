BEGIN;
--
-- Create model Tag
--
CREATE TABLE "app_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(20) NOT NULL UNIQUE);
--
-- Delete model Obsolete
--
DROP TABLE "app_obsolete";
--
-- Change Meta options on category
--
--
-- Change Meta options on post
--
--
-- Alter unique_together for post (1 constraint(s))
--
CREATE UNIQUE INDEX "app_post_category_id_title_a764220c_uniq" ON "app_post" ("category_id", "title");
--
-- Create index post_title_idx on field(s) title of model post
--
CREATE INDEX "post_title_idx" ON "app_post" ("title");
--
-- Create constraint post_title_not_empty on model post
--
CREATE TABLE "new__app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "created" datetime NOT NULL, "category_id" bigint NOT NULL REFERENCES "app_category" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "post_title_not_empty" CHECK (NOT ("title" = '')));
INSERT INTO "new__app_post" ("id", "title", "created", "category_id") SELECT "id", "title", "created", "category_id" FROM "app_post";
DROP TABLE "app_post";
ALTER TABLE "new__app_post" RENAME TO "app_post";
CREATE UNIQUE INDEX "app_post_category_id_title_a764220c_uniq" ON "app_post" ("category_id", "title");
CREATE INDEX "app_post_category_id_b20d7758" ON "app_post" ("category_id");
CREATE INDEX "post_title_idx" ON "app_post" ("title");
--
-- Rename table for post to blog_posts
--
ALTER TABLE "app_post" RENAME TO "blog_posts";
--
-- Add field tags to post
--
CREATE TABLE "blog_posts_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" bigint NOT NULL REFERENCES "blog_posts" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" bigint NOT NULL REFERENCES "app_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "blog_posts_tags_post_id_tag_id_7fdace16_uniq" ON "blog_posts_tags" ("post_id", "tag_id");
CREATE INDEX "blog_posts_tags_post_id_32404083" ON "blog_posts_tags" ("post_id");
CREATE INDEX "blog_posts_tags_tag_id_be8ac458" ON "blog_posts_tags" ("tag_id");
COMMIT;
