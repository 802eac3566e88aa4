BEGIN;
--
-- Create model Code
--
CREATE TABLE "app_code" ("code" varchar(10) NOT NULL PRIMARY KEY, "description" text NOT NULL);
--
-- Create model Country
--
CREATE TABLE "app_country" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(60) NOT NULL);
--
-- Create model Tag
--
CREATE TABLE "app_tag" ("tag_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" varchar(20) NOT NULL);
--
-- Create model Note
--
CREATE TABLE "app_note" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "body" text NOT NULL, "tag_id" smallint NOT NULL REFERENCES "app_tag" ("tag_id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model CodeUse
--
CREATE TABLE "app_codeuse" ("number" integer NOT NULL PRIMARY KEY, "code_id" varchar(10) NOT NULL REFERENCES "app_code" ("code") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model City
--
CREATE TABLE "app_city" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(60) NOT NULL, "country_id" integer NOT NULL REFERENCES "app_country" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_note_tag_id_7f283ec2" ON "app_note" ("tag_id");
CREATE INDEX "app_codeuse_code_id_f5578c14" ON "app_codeuse" ("code_id");
CREATE INDEX "app_city_country_id_1dba36b0" ON "app_city" ("country_id");
COMMIT;
