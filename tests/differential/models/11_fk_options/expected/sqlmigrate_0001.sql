BEGIN;
--
-- Create model Shop
--
CREATE TABLE "app_shop" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar(10) NOT NULL UNIQUE, "name" varchar(50) NOT NULL, "owner_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Item
--
CREATE TABLE "app_item" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "buyer_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "origin_id" bigint NULL REFERENCES "app_shop" ("id") DEFERRABLE INITIALLY DEFERRED, "seller_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "shop_code" varchar(10) NOT NULL REFERENCES "app_shop" ("code") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_shop_owner_id_f00f6052" ON "app_shop" ("owner_id");
CREATE INDEX "app_item_buyer_id_698d29ac" ON "app_item" ("buyer_id");
CREATE INDEX "app_item_seller_id_d672bdb8" ON "app_item" ("seller_id");
CREATE INDEX "app_item_shop_code_3085618e" ON "app_item" ("shop_code");
COMMIT;
