BEGIN;
--
-- Create model Customer
--
CREATE TABLE "app_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "first_name" varchar(50) NOT NULL, "last_name" varchar(50) NOT NULL, "email" varchar(254) NOT NULL, "age" integer NOT NULL, "joined" datetime NOT NULL);
--
-- Create model Order
--
CREATE TABLE "app_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "number" integer NOT NULL, "status" varchar(10) NOT NULL, "amount" decimal NOT NULL, "customer_id" bigint NOT NULL REFERENCES "app_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create index customer_name_idx on field(s) last_name, first_name of model customer
--
CREATE INDEX "customer_name_idx" ON "app_customer" ("last_name", "first_name");
--
-- Create index customer_joined_idx on field(s) -joined of model customer
--
CREATE INDEX "customer_joined_idx" ON "app_customer" ("joined" DESC);
--
-- Create index app_custome_email_0cadac_idx on field(s) email of model customer
--
CREATE INDEX "app_custome_email_0cadac_idx" ON "app_customer" ("email");
--
-- Create constraint unique_customer_email on model customer
--
CREATE TABLE "new__app_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "first_name" varchar(50) NOT NULL, "last_name" varchar(50) NOT NULL, "email" varchar(254) NOT NULL, "age" integer NOT NULL, "joined" datetime NOT NULL, CONSTRAINT "unique_customer_email" UNIQUE ("email"));
INSERT INTO "new__app_customer" ("id", "first_name", "last_name", "email", "age", "joined") SELECT "id", "first_name", "last_name", "email", "age", "joined" FROM "app_customer";
DROP TABLE "app_customer";
ALTER TABLE "new__app_customer" RENAME TO "app_customer";
CREATE INDEX "app_order_customer_id_7c27c407" ON "app_order" ("customer_id");
CREATE INDEX "customer_name_idx" ON "app_customer" ("last_name", "first_name");
CREATE INDEX "customer_joined_idx" ON "app_customer" ("joined" DESC);
CREATE INDEX "app_custome_email_0cadac_idx" ON "app_customer" ("email");
--
-- Create constraint customer_age_gte_18 on model customer
--
CREATE TABLE "new__app_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "first_name" varchar(50) NOT NULL, "last_name" varchar(50) NOT NULL, "email" varchar(254) NOT NULL, "age" integer NOT NULL, "joined" datetime NOT NULL, CONSTRAINT "unique_customer_email" UNIQUE ("email"), CONSTRAINT "customer_age_gte_18" CHECK ("age" >= 18));
INSERT INTO "new__app_customer" ("id", "first_name", "last_name", "email", "age", "joined") SELECT "id", "first_name", "last_name", "email", "age", "joined" FROM "app_customer";
DROP TABLE "app_customer";
ALTER TABLE "new__app_customer" RENAME TO "app_customer";
CREATE INDEX "customer_name_idx" ON "app_customer" ("last_name", "first_name");
CREATE INDEX "customer_joined_idx" ON "app_customer" ("joined" DESC);
CREATE INDEX "app_custome_email_0cadac_idx" ON "app_customer" ("email");
--
-- Create constraint unique_order_per_customer on model order
--
CREATE TABLE "new__app_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "number" integer NOT NULL, "status" varchar(10) NOT NULL, "amount" decimal NOT NULL, "customer_id" bigint NOT NULL REFERENCES "app_customer" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "unique_order_per_customer" UNIQUE ("customer_id", "number"));
INSERT INTO "new__app_order" ("id", "number", "status", "amount", "customer_id") SELECT "id", "number", "status", "amount", "customer_id" FROM "app_order";
DROP TABLE "app_order";
ALTER TABLE "new__app_order" RENAME TO "app_order";
CREATE INDEX "app_order_customer_id_7c27c407" ON "app_order" ("customer_id");
--
-- Create constraint order_amount_positive on model order
--
CREATE TABLE "new__app_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "number" integer NOT NULL, "status" varchar(10) NOT NULL, "amount" decimal NOT NULL, "customer_id" bigint NOT NULL REFERENCES "app_customer" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "unique_order_per_customer" UNIQUE ("customer_id", "number"), CONSTRAINT "order_amount_positive" CHECK ("amount" > '0'));
INSERT INTO "new__app_order" ("id", "number", "status", "amount", "customer_id") SELECT "id", "number", "status", "amount", "customer_id" FROM "app_order";
DROP TABLE "app_order";
ALTER TABLE "new__app_order" RENAME TO "app_order";
CREATE INDEX "app_order_customer_id_7c27c407" ON "app_order" ("customer_id");
--
-- Create constraint one_new_order on model order
--
CREATE UNIQUE INDEX "one_new_order" ON "app_order" ("customer_id") WHERE "status" = 'new';
COMMIT;
