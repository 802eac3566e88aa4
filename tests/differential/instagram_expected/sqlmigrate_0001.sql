BEGIN;
--
-- Create model User
--
CREATE TABLE "instagram_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "username" varchar(30) NOT NULL, "instagram_id" varchar(30) NOT NULL UNIQUE, "is_professional" bool NOT NULL);
--
-- Create model Story
--
CREATE TABLE "instagram_story" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "story_content" text NOT NULL, "upload_time" datetime NOT NULL, "story_author_id" bigint NOT NULL REFERENCES "instagram_user" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Profile
--
CREATE TABLE "instagram_profile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "profile_picture" varchar(100) NOT NULL, "profile_name" varchar(30) NOT NULL, "profile_website" varchar(200) NOT NULL, "profile_info" text NOT NULL, "user_id" bigint NOT NULL UNIQUE REFERENCES "instagram_user" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Post
--
CREATE TABLE "instagram_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "location" varchar(100) NOT NULL, "numOfLike" integer NOT NULL, "post_content" text NOT NULL, "is_comment" bool NOT NULL, "upload_time" datetime NOT NULL, "post_author_id" bigint NOT NULL REFERENCES "instagram_user" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Image
--
CREATE TABLE "instagram_image" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "img_url" varchar(200) NOT NULL, "post_id" bigint NOT NULL REFERENCES "instagram_post" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Comment
--
CREATE TABLE "instagram_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "comment_content" text NOT NULL, "upload_time" datetime NOT NULL, "comment_author_id" bigint NOT NULL REFERENCES "instagram_user" ("id") DEFERRABLE INITIALLY DEFERRED, "post_id" bigint NOT NULL REFERENCES "instagram_post" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "instagram_story_story_author_id_086013fc" ON "instagram_story" ("story_author_id");
CREATE INDEX "instagram_post_post_author_id_d7fe7ab9" ON "instagram_post" ("post_author_id");
CREATE INDEX "instagram_image_post_id_43ae43c0" ON "instagram_image" ("post_id");
CREATE INDEX "instagram_comment_comment_author_id_f6e82ea1" ON "instagram_comment" ("comment_author_id");
CREATE INDEX "instagram_comment_post_id_41735a7d" ON "instagram_comment" ("post_id");
COMMIT;
