BEGIN;
--
-- Create model Menu
--
CREATE TABLE "app_menu" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "price" integer unsigned NOT NULL CHECK ("price" >= 0), "category" varchar(10) NOT NULL, "description" text NOT NULL, "is_spicy" bool NOT NULL);
--
-- Create model 상품
--
CREATE TABLE "app_상품" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT);
--
-- Create model Review
--
CREATE TABLE "app_review" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "별점" integer NOT NULL, "content" text NOT NULL, "menu_id" bigint NOT NULL REFERENCES "app_menu" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_review_menu_id_830f5e7b" ON "app_review" ("menu_id");
COMMIT;
