BEGIN;
--
-- Create model User
--
CREATE TABLE "app_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "first_name" varchar(150) NOT NULL, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "nickname" varchar(30) NOT NULL, "birth_date" date NULL, "phone" varchar(20) NULL UNIQUE);
CREATE TABLE "app_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL REFERENCES "app_user" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "app_user_user_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL REFERENCES "app_user" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Post
--
CREATE TABLE "app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL, "author_id" bigint NOT NULL REFERENCES "app_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "app_post_likes" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" bigint NOT NULL REFERENCES "app_post" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" bigint NOT NULL REFERENCES "app_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "app_user_groups_user_id_group_id_73b8e940_uniq" ON "app_user_groups" ("user_id", "group_id");
CREATE INDEX "app_user_groups_user_id_e6f878f6" ON "app_user_groups" ("user_id");
CREATE INDEX "app_user_groups_group_id_e774d92c" ON "app_user_groups" ("group_id");
CREATE UNIQUE INDEX "app_user_user_permissions_user_id_permission_id_7c8316ce_uniq" ON "app_user_user_permissions" ("user_id", "permission_id");
CREATE INDEX "app_user_user_permissions_user_id_24780b52" ON "app_user_user_permissions" ("user_id");
CREATE INDEX "app_user_user_permissions_permission_id_4ef8e133" ON "app_user_user_permissions" ("permission_id");
CREATE INDEX "app_post_author_id_87e1d289" ON "app_post" ("author_id");
CREATE UNIQUE INDEX "app_post_likes_post_id_user_id_24240f4b_uniq" ON "app_post_likes" ("post_id", "user_id");
CREATE INDEX "app_post_likes_post_id_ef80d688" ON "app_post_likes" ("post_id");
CREATE INDEX "app_post_likes_user_id_9b15627c" ON "app_post_likes" ("user_id");
COMMIT;
