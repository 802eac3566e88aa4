BEGIN;
--
-- Create model Product
--
CREATE TABLE "app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "price" decimal NOT NULL, "discount" decimal NULL, "shipping" decimal NOT NULL, "weight" real NOT NULL);
COMMIT;
