BEGIN;
--
-- Create model Post
--
CREATE TABLE "app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "title" varchar(100) NOT NULL);
--
-- Create model Like
--
CREATE TABLE "app_like" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "owner_name" varchar(50) NOT NULL, "is_active" bool NOT NULL, "post_id" bigint NOT NULL REFERENCES "app_post" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Comment
--
CREATE TABLE "app_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "owner_name" varchar(50) NOT NULL, "is_active" bool NOT NULL, "text" text NOT NULL, "post_id" bigint NOT NULL REFERENCES "app_post" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_like_post_id_56277855" ON "app_like" ("post_id");
CREATE INDEX "app_comment_post_id_9ffeaa47" ON "app_comment" ("post_id");
COMMIT;
