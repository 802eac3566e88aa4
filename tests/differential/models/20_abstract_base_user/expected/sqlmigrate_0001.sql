BEGIN;
--
-- Create model Member
--
CREATE TABLE "app_member" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "email" varchar(255) NOT NULL UNIQUE, "name" varchar(30) NOT NULL, "is_active" bool NOT NULL, "is_admin" bool NOT NULL);
CREATE TABLE "app_member_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "member_id" bigint NOT NULL REFERENCES "app_member" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "app_member_user_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "member_id" bigint NOT NULL REFERENCES "app_member" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "app_member_groups_member_id_group_id_c6c61dc1_uniq" ON "app_member_groups" ("member_id", "group_id");
CREATE INDEX "app_member_groups_member_id_79ab821d" ON "app_member_groups" ("member_id");
CREATE INDEX "app_member_groups_group_id_bb21430f" ON "app_member_groups" ("group_id");
CREATE UNIQUE INDEX "app_member_user_permissions_member_id_permission_id_56875f0a_uniq" ON "app_member_user_permissions" ("member_id", "permission_id");
CREATE INDEX "app_member_user_permissions_member_id_7c9ea464" ON "app_member_user_permissions" ("member_id");
CREATE INDEX "app_member_user_permissions_permission_id_7689af9e" ON "app_member_user_permissions" ("permission_id");
COMMIT;
