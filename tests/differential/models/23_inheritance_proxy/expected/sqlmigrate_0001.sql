BEGIN;
--
-- Create model Place
--
CREATE TABLE "app_place" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "address" varchar(80) NOT NULL);
--
-- Create model Cafe
--
CREATE TABLE "app_cafe" ("place_ptr_id" bigint NOT NULL PRIMARY KEY REFERENCES "app_place" ("id") DEFERRABLE INITIALLY DEFERRED, "has_wifi" bool NOT NULL);
--
-- Create model Restaurant
--
CREATE TABLE "app_restaurant" ("place_ptr_id" bigint NOT NULL PRIMARY KEY REFERENCES "app_place" ("id") DEFERRABLE INITIALLY DEFERRED, "serves_hot_dogs" bool NOT NULL, "serves_pizza" bool NOT NULL);
--
-- Create proxy model NamedPlace
--
--
-- Create proxy model OpenPlace
--
COMMIT;
