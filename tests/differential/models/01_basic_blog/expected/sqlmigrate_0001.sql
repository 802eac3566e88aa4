BEGIN;
--
-- Create model Category
--
CREATE TABLE "app_category" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
--
-- Create model Post
--
CREATE TABLE "app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "content" text NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "category_id" bigint NOT NULL REFERENCES "app_category" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_post_category_id_b20d7758" ON "app_post" ("category_id");
COMMIT;
