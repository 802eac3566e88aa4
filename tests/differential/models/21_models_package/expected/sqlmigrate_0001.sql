BEGIN;
--
-- Create model Profile
--
CREATE TABLE "app_profile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "bio" text NOT NULL, "user_id" integer NOT NULL UNIQUE REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Post
--
CREATE TABLE "app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "writer_id" bigint NOT NULL REFERENCES "app_profile" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Comment
--
CREATE TABLE "app_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" varchar(300) NOT NULL, "post_id" bigint NOT NULL REFERENCES "app_post" ("id") DEFERRABLE INITIALLY DEFERRED, "writer_id" bigint NOT NULL REFERENCES "app_profile" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_post_writer_id_394d886d" ON "app_post" ("writer_id");
CREATE INDEX "app_comment_post_id_9ffeaa47" ON "app_comment" ("post_id");
CREATE INDEX "app_comment_writer_id_a3770626" ON "app_comment" ("writer_id");
COMMIT;
