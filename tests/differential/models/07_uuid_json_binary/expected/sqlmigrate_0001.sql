BEGIN;
--
-- Create model Document
--
CREATE TABLE "app_document" ("id" char(32) NOT NULL PRIMARY KEY, "title" varchar(100) NOT NULL, "data" text NOT NULL CHECK ((JSON_VALID("data") OR "data" IS NULL)), "tags" text NOT NULL CHECK ((JSON_VALID("tags") OR "tags" IS NULL)), "extra" text NULL CHECK ((JSON_VALID("extra") OR "extra" IS NULL)), "raw" BLOB NOT NULL, "thumbnail" BLOB NULL);
--
-- Create model Token
--
CREATE TABLE "app_token" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "key" char(32) NOT NULL UNIQUE, "document_id" char(32) NOT NULL REFERENCES "app_document" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_token_document_id_e40148c7" ON "app_token" ("document_id");
COMMIT;
