BEGIN;
--
-- Create model Product
--
CREATE TABLE "app_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "stock" integer NOT NULL, "rating" smallint NOT NULL, "views" bigint NOT NULL, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "priority" smallint unsigned NULL CHECK ("priority" >= 0), "total_sold" bigint unsigned NOT NULL CHECK ("total_sold" >= 0), "weight" real NULL, "price" decimal NOT NULL, "discount" decimal NOT NULL, "tax_rate" decimal NOT NULL);
COMMIT;
