BEGIN;
--
-- Delete model Coupon
--
DROP TABLE "app_coupon";
--
-- Remove field old_code from product
--
CREATE TABLE "new__app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "price" integer NOT NULL, "description" text NOT NULL, "stock" integer NULL);
INSERT INTO "new__app_product" ("id", "name", "price", "description", "stock") SELECT "id", "name", "price", "description", "stock" FROM "app_product";
DROP TABLE "app_product";
ALTER TABLE "new__app_product" RENAME TO "app_product";
--
-- Alter field description on product
--
CREATE TABLE "new__app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "description" text NOT NULL, "name" varchar(50) NOT NULL, "price" integer NOT NULL, "stock" integer NULL);
INSERT INTO "new__app_product" ("id", "name", "price", "stock", "description") SELECT "id", "name", "price", "stock", "description" FROM "app_product";
DROP TABLE "app_product";
ALTER TABLE "new__app_product" RENAME TO "app_product";
--
-- Alter field name on product
--
CREATE TABLE "new__app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "price" integer NOT NULL, "description" text NOT NULL, "stock" integer NULL, "name" varchar(100) NOT NULL UNIQUE);
INSERT INTO "new__app_product" ("id", "price", "description", "stock", "name") SELECT "id", "price", "description", "stock", "name" FROM "app_product";
DROP TABLE "app_product";
ALTER TABLE "new__app_product" RENAME TO "app_product";
--
-- Alter field price on product
--
CREATE TABLE "new__app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "description" text NOT NULL, "stock" integer NULL, "price" decimal NOT NULL);
INSERT INTO "new__app_product" ("id", "name", "description", "stock", "price") SELECT "id", "name", "description", "stock", "price" FROM "app_product";
DROP TABLE "app_product";
ALTER TABLE "new__app_product" RENAME TO "app_product";
--
-- Alter field stock on product
--
CREATE TABLE "new__app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "price" decimal NOT NULL, "description" text NOT NULL, "stock" integer NOT NULL);
INSERT INTO "new__app_product" ("id", "name", "price", "description", "stock") SELECT "id", "name", "price", "description", coalesce("stock", NULL) FROM "app_product";
DROP TABLE "app_product";
ALTER TABLE "new__app_product" RENAME TO "app_product";
COMMIT;
