BEGIN;
--
-- Create model Coupon
--
CREATE TABLE "app_coupon" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar(20) NOT NULL);
--
-- Create model Product
--
CREATE TABLE "app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "price" integer NOT NULL, "description" text NOT NULL, "old_code" varchar(10) NOT NULL, "stock" integer NULL);
COMMIT;
