BEGIN;
--
-- Create model Group
--
CREATE TABLE "app_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
--
-- Create model Tag
--
CREATE TABLE "app_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(30) NOT NULL);
--
-- Create model Person
--
CREATE TABLE "app_person" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
CREATE TABLE "app_person_following" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "from_person_id" bigint NOT NULL REFERENCES "app_person" ("id") DEFERRABLE INITIALLY DEFERRED, "to_person_id" bigint NOT NULL REFERENCES "app_person" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "app_person_friends" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "from_person_id" bigint NOT NULL REFERENCES "app_person" ("id") DEFERRABLE INITIALLY DEFERRED, "to_person_id" bigint NOT NULL REFERENCES "app_person" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Membership
--
CREATE TABLE "app_membership" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date_joined" date NOT NULL, "invite_reason" varchar(64) NOT NULL, "group_id" bigint NOT NULL REFERENCES "app_group" ("id") DEFERRABLE INITIALLY DEFERRED, "person_id" bigint NOT NULL REFERENCES "app_person" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Add field members to group
--
CREATE TABLE "new__app_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
INSERT INTO "new__app_group" ("id", "name") SELECT "id", "name" FROM "app_group";
DROP TABLE "app_group";
ALTER TABLE "new__app_group" RENAME TO "app_group";
CREATE UNIQUE INDEX "app_person_following_from_person_id_to_person_id_f173cff0_uniq" ON "app_person_following" ("from_person_id", "to_person_id");
CREATE INDEX "app_person_following_from_person_id_abdca578" ON "app_person_following" ("from_person_id");
CREATE INDEX "app_person_following_to_person_id_749d33e0" ON "app_person_following" ("to_person_id");
CREATE UNIQUE INDEX "app_person_friends_from_person_id_to_person_id_eb273f3e_uniq" ON "app_person_friends" ("from_person_id", "to_person_id");
CREATE INDEX "app_person_friends_from_person_id_d82b7cae" ON "app_person_friends" ("from_person_id");
CREATE INDEX "app_person_friends_to_person_id_2e5b01b9" ON "app_person_friends" ("to_person_id");
CREATE INDEX "app_membership_group_id_92020777" ON "app_membership" ("group_id");
CREATE INDEX "app_membership_person_id_f8b9fb6e" ON "app_membership" ("person_id");
--
-- Add field tags to group
--
CREATE TABLE "app_group_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" bigint NOT NULL REFERENCES "app_group" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" bigint NOT NULL REFERENCES "app_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Article
--
CREATE TABLE "app_article" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL);
CREATE TABLE "article_tag_map" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "article_id" bigint NOT NULL REFERENCES "app_article" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" bigint NOT NULL REFERENCES "app_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "app_group_tags_group_id_tag_id_d78aa9d7_uniq" ON "app_group_tags" ("group_id", "tag_id");
CREATE INDEX "app_group_tags_group_id_05de90d7" ON "app_group_tags" ("group_id");
CREATE INDEX "app_group_tags_tag_id_68cd26f3" ON "app_group_tags" ("tag_id");
CREATE UNIQUE INDEX "article_tag_map_article_id_tag_id_910f5afa_uniq" ON "article_tag_map" ("article_id", "tag_id");
CREATE INDEX "article_tag_map_article_id_3aec3d9c" ON "article_tag_map" ("article_id");
CREATE INDEX "article_tag_map_tag_id_3bd464eb" ON "article_tag_map" ("tag_id");
COMMIT;
