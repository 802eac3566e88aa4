BEGIN;
--
-- Create model Place
--
CREATE TABLE "app_place" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "address" varchar(80) NOT NULL);
--
-- Create model Restaurant
--
CREATE TABLE "app_restaurant" ("place_id" bigint NOT NULL PRIMARY KEY REFERENCES "app_place" ("id") DEFERRABLE INITIALLY DEFERRED, "serves_pizza" bool NOT NULL);
--
-- Create model Account
--
CREATE TABLE "app_account" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "bio" text NOT NULL, "user_id" integer NOT NULL UNIQUE REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Manager
--
CREATE TABLE "app_manager" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "restaurant_id" bigint NULL UNIQUE REFERENCES "app_restaurant" ("place_id") DEFERRABLE INITIALLY DEFERRED);
COMMIT;
